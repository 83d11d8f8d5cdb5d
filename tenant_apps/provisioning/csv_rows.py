"""Reading a CSV file of people as spreadsheets write it: UTF-8 with or without a BOM,
comma or semicolon separated (Excel in French or Romanian uses semicolons)."""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Header names understood for each column, in the network's languages (lower case, without
# accents, spaces, dashes or underscores).
COLUMNS = {
    **dict.fromkeys(("name", "fullname", "nume", "nom", "nombre", "nome", "nev", "naam"),
                    "name"),
    **dict.fromkeys(("email", "mail", "emailaddress", "courriel", "correo", "adresaemail"),
                    "email"),
    **dict.fromkeys(("department", "departament", "departement", "service", "departamento",
                     "osztaly", "afdeling", "reparto"), "department"),
    **dict.fromkeys(("roles", "role", "roluri", "papeis", "szerepkorok", "szerepkor", "rollen",
                     "ruoli"), "roles"),
    **dict.fromkeys(("language", "limba", "langue", "idioma", "lingua", "nyelv", "taal"),
                    "language"),
}
REQUIRED = ("name", "email")


@dataclass
class Table:
    records: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # line of each record in the file
    error: str = ""


def _header_key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.strip().lower())
    return re.sub(r"[\s_\-]", "", "".join(c for c in plain if not unicodedata.combining(c)))


def split_list(value: str) -> list[str]:
    """The items of a cell listing several values ("evaluator | city_admin")."""
    return [item.strip() for item in re.split(r"[|,;/+]", value) if item.strip()]


def read(data: bytes) -> Table:
    """The file's rows as dictionaries keyed by column, or the reason it cannot be read."""
    limit = settings.PEOPLE_IMPORT_MAX_BYTES
    if len(data) > limit:
        return Table(error=_("The file is too large: at most %(size)d KB.")
                     % {"size": max(1, limit // 1024)})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Table(error=_("The file is not in UTF-8. In Excel, save it as “CSV UTF-8”."))
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    if not header:
        return Table(error=_("The file is empty."))
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        return Table(error=_("The file is not a valid CSV file: %(error)s") % {"error": error})
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    (_header_line, names), *rows = rows
    columns = [COLUMNS.get(_header_key(name), "") for name in names]
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        return Table(error=_("The first line must name the columns; missing: %(columns)s.")
                     % {"columns": ", ".join(missing)})
    if not rows:
        return Table(error=_("The file has no one to import below its header line."))
    most = settings.PEOPLE_IMPORT_MAX_ROWS
    if len(rows) > most:
        return Table(error=ngettext("The file has too many people: at most %(rows)d row.",
                                    "The file has too many people: at most %(rows)d rows.",
                                    most) % {"rows": most})
    table = Table()
    for line, row in rows:
        table.records.append({column: cell for column, cell in zip(columns, row, strict=False)
                              if column})
        table.lines.append(line)
    return table
