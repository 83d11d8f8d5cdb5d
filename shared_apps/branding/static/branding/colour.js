// Keeps the colour picker and the #rrggbb text field of the branding form in step.
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("id_primary_colour");
  const picker = document.getElementById("id_primary_colour_picker");
  if (!text || !picker) return;
  picker.addEventListener("input", () => { text.value = picker.value; });
  text.addEventListener("input", () => {
    if (/^#[0-9a-fA-F]{6}$/.test(text.value.trim())) picker.value = text.value.trim().toLowerCase();
  });
});
