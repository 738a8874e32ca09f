"""Cells for CSV and XLSX downloads that a spreadsheet shows as plain text.

A cell starting with =, +, -, @ or a control character would be run as a
formula by Excel or LibreOffice (CSV/formula injection); such cells get a
leading apostrophe, which spreadsheets hide. Used by every export.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


BOM = "\ufeff"  # at the start of a CSV file, so that Excel reads it as UTF-8


class Echo:
    """A file-like object whose write() returns the line: csv.writer into a generator."""

    def write(self, value: str) -> str:
        return value
