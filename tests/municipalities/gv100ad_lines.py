"""GV100AD records for tests, placed position by position.

The positions are written out here on purpose instead of reusing gv100ad.LAYOUT, so the
tests check the reader against the record description rather than against itself.
`python -m tests.municipalities.gv100ad_lines` rewrites data/gv100ad-sample.txt.
"""

from pathlib import Path

SAMPLE = Path(__file__).parent / "data" / "gv100ad-sample.txt"


def record(
    satzart: int,
    key: str,
    name: str,
    *,
    verband: str = "",
    text: int | None = None,
    seat: str = "",
    area_ha: int | None = None,
    population: int | None = None,
    male: int | None = None,
    postcode: str = "",
    date: str = "20241231",
) -> str:
    """One record of 220 characters; `key` fills positions 11 onwards (AGS for Gemeinden)."""
    chars = [" "] * 220

    def put(first: int, value: str) -> None:
        chars[first - 1 : first - 1 + len(value)] = value

    put(1, f"{satzart:02d}")
    put(3, date)
    put(11, key)
    put(19, verband)
    put(23, name)
    put(73, seat)
    if text is not None:
        put(123, f"{text:02d}")
    for first, number in ((129, area_ha), (140, population), (151, male)):
        if number is not None:
            put(first, f"{number:011d}")
    put(166, postcode)
    line = "".join(chars)
    assert len(line) == 220, line
    return line


def gemeinde(
    key: str, verband: str, name: str, text: int, area_ha: int, population: int, postcode: str
) -> str:
    return record(
        60,
        key,
        name,
        verband=verband,
        text=text,
        area_ha=area_ha,
        population=population,
        male=population // 2,
        postcode=postcode,
    )


# Keys of the Donnersbergkreis Gemeinden and Verbandsgemeinden are plausible, not real.
SAMPLE_LINES = [
    record(10, "07", "Rheinland-Pfalz", seat="Mainz"),
    record(20, "073", "Rheinhessen-Pfalz", seat="Neustadt an der Weinstraße"),
    record(40, "07312", "Kaiserslautern, kreisfreie Stadt", text=41, seat="Kaiserslautern"),
    record(50, "07312", "Kaiserslautern, kreisfreie Stadt", verband="0000", text=50),
    gemeinde("07312000", "0000", "Kaiserslautern, kreisfreie Stadt", 61, 13972, 101486, "67655"),
    record(40, "07333", "Donnersbergkreis", text=44, seat="Kirchheimbolanden"),
    record(50, "07333", "Eisenberg (Pfalz)", verband="5001", text=53, seat="Eisenberg (Pfalz)"),
    gemeinde("07333017", "5001", "Eisenberg (Pfalz), Stadt", 63, 1010, 9461, "67304"),
    record(50, "07333", "Göllheim", verband="5002", text=53, seat="Göllheim"),
    gemeinde("07333014", "5002", "Dreisen", 64, 522, 1054, "67816"),
    gemeinde("07333026", "5002", "Göllheim", 64, 1873, 3810, "67307"),
]


def sample_text() -> str:
    return "".join(f"{line}\r\n" for line in SAMPLE_LINES)


if __name__ == "__main__":
    SAMPLE.write_bytes(sample_text().encode("utf-8"))
