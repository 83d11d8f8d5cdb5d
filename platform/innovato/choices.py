"""Choice labels for lists: looked up in a table kept per field and language."""

import functools

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import get_language


@functools.cache
def _labels(field: models.Field) -> dict:
    # The labels stay lazy, so the table serves every language.
    return dict(field.flatchoices)


# (field, value, language) -> the label in that language. Bounded by the choices and the
# languages: labels come from the catalogs, which do not change while the site runs.
_translated: dict[tuple, str] = {}


class ChoiceLabels:
    """For models whose choice labels are shown row by row (`get_status_display`).

    Django's own `get_FOO_display` rebuilds the field's whole choice list on each call and
    hashes every label, which translates each of them: about 0.1 ms per call with ten
    choices, or several milliseconds for a list of forty proposals. Here a label is
    translated once per language.
    """

    def _get_FIELD_display(self, field: models.Field) -> str:
        value = getattr(self, field.attname)
        key = (field, value, get_language())
        try:
            return _translated[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value (never a stored choice): shown as it is
            return force_str(value, strings_only=True)
        label = _translated[key] = force_str(_labels(field).get(value, value),
                                             strings_only=True)
        return label
