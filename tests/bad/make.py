#!/usr/bin/env python3
"""Writes the small files of the bad-input corpus (tests/bad/), byte for byte, so each one can
be read and re-made. The big cases (100,000 columns, a 10 MB field, 1,048,576 empty rows, a
JSON nested 100,000 deep, a workbook inflating to 300 MB) are generated at test time by
tests/bad_inputs.rs and are not stored. What each file must give is in expected.json.

    python3 tests/bad/make.py
"""
import io
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def utf16le(text, bom=True):
    return (b"\xff\xfe" if bom else b"") + text.encode("utf-16-le")


def utf16be(text):
    return b"\xfe\xff" + text.encode("utf-16-be")


TEXT = {
    # empty, or header only
    "empty.csv": b"",
    "blank_lines.csv": b"\n\n   \n\t\n",
    "bom_only.csv": b"\xef\xbb\xbf",
    "utf16_bom_only.csv": b"\xff\xfe",
    "header_only.csv": b"age,taille,classe\n",
    "header_only_no_newline.csv": b"age,taille,classe",
    "header_only_semicolon_crlf.csv": "nom;âge;poids\r\n".encode(),
    # encodings
    "truncated_utf8.csv": "nom,ville\nZoé,Orléans\nJérôme,Besan".encode() + "ç".encode()[:1],
    "truncated_utf8_ascii_before.csv": b"nom,ville\nAnne,Caf\xc3",
    "truncated_utf16.csv": utf16le("nom,ville\nZoé,Orléans\n") + b"B",
    "truncated_utf16_surrogate.csv": utf16le("nom,emoji\nZoé,") + "😀".encode("utf-16-le")[:2],
    "utf16_big_endian.csv": utf16be("nom,âge\nZoé,12\nLéo,13\n"),
    "utf16_without_bom.csv": utf16le("nom,âge\nZoé,12\n", bom=False),
    "windows_1252.csv": "nom;ville\nZoé;Orléans\nLéa;Besançon\n".encode("cp1252"),
    "invalid_utf8_middle.csv": b"nom,ville\nZo\xe9,Orl\xe9ans\nL\xe9o,Paris\n",
    # binary files renamed .csv
    "png_renamed.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde",
    "jpeg_renamed.csv": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
    "gzip_renamed.csv": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03KL\xd2Q\xe22\xd41\xe2\x02\x00",
    "elf_renamed.csv": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    "nul_in_field.csv": b"a,b\n1,x\x00y\n2,z\n",
    "nul_at_end.csv": b"a,b\n1,2\n3,4\n\x00",
    "control_bytes.csv": bytes(b if i % 3 else 0x01 for i, b in enumerate(b"\xc3" * 300)),
    # quotes
    "unclosed_quote_at_end.csv": b'a,b\n1,2\n3,"4\n',
    "unclosed_quote_swallows_rows.csv": b'nom,note\nZoe,"bien\nLeo,12\nLea,14\n',
    "unclosed_quote_crlf.csv": b'a,b\r\n1,2\r\n3,4\r\n5,"six\r\n',
    "unclosed_quote_ragged.csv": b'a,b\n1,2\n"open,3\n4,5\n',
    "quote_inside_field.csv": b'taille,pouce\n180,5"\n175,6"\n',
    "escaped_quotes.csv": b'nom,avis\nZoe,"dit ""bien"""\nLeo,"a, b"\n',
    # structure
    "ragged_more.csv": b"a,b\n1,2\n3,4,5\n",
    "ragged_less.csv": b"a,b,c\n1,2,3\n4,5\n",
    "ragged_after_sample.csv": b"x,y\n" + b"1,2\n" * 1500 + b"3\n",
    "wrong_delimiter_guess.csv": b"a;b\n1;2\n3;4;5\n",
    "mixed_line_endings.csv": b"a,b\r\n1,2\n3,4\r5,6\r\n",
    "cr_only.csv": b"a,b\r1,2\r3,4\r",
    "blank_lines_between.csv": b"a,b\n\n1,2\n\n\n3,4\n\n",
    "trailing_delimiter.csv": b"a,b,\n1,2,\n3,4,\n",
    "duplicate_names.csv": b"a,a,b,a\n1,2,3,4\n5,6,7,8\n",
    "empty_names.csv": b",,b\n1,2,3\n4,5,6\n",
    "spaces_in_names.csv": b" age , age,taille \n1,2,3\n",
    "delimiters_only.csv": b"a,b\n,\n,\n,\n",
    "all_missing_markers.csv": b"a,b\nNA,?\nnull,\nN/A,NaN\n",
    "numbers_1e999.csv": b"x,y\n1e999,1\n-1e999,2\n3,3\n",
    "inf_words.csv": b"x,y\ninf,1\n-inf,2\n3,3\n",
    "huge_integer.csv": b"id,x\n123456789012345678901234567890,1\n2,2\n",
    # JSON
    "json_1e999.json": b'[{"x": 1}, {"x": 1e999}]',
    "json_truncated.json": b'[{"a": 1}, {"a": 2',
    "json_trailing_comma.json": b'[{"a": 1},]',
    "json_single_quotes.json": b"[{'a': 1}]",
    "json_nan.json": b'[{"a": NaN}]',
    "json_ndjson.json": b'{"a": 1}\n{"a": 2}\n',
    "json_scalar.json": b"42",
    "json_string.json": b'"bonjour"',
    "json_empty_list.json": b"[]",
    "json_empty_object.json": b"{}",
    "json_columns_empty.json": b'{"a": [], "b": []}',
    "json_list_of_lists.json": b"[[1, 2], [3, 4]]",
    "json_mixed_records.json": b'[{"a": 1}, 2]',
    "json_nested_value.json": b'[{"a": 1, "b": 2}, {"a": 3, "b": [4]}]',
    "json_ragged_columns.json": b'{"a": [1, 2, 3], "b": [1, 2]}',
    "json_duplicate_keys.json": b'[{"a": 1, "a": 2}, {"a": 3}]',
    "json_missing_keys.json": b'[{"a": 1, "b": 2}, {"a": 3}]',
    "json_utf8_bom.json": b'\xef\xbb\xbf[{"a": 1}, {"a": 2}]',
    "json_big_integer.json": b'[{"id": 123456789012345678901234567890}]',
    "json_deep_100.json": b"[" * 100 + b"]" * 100,
    # training
    "one_class.csv": b"x,y\n1,oui\n2,oui\n3,oui\n4,oui\n5,oui\n6,oui\n",
    "every_value_missing.csv": b"x,z,y\n,,a\n,,b\n,,a\n,,b\n,,a\n,,b\n,,a\n,,b\n",
    "infinities.csv": b"x,z,y\ninf,1,a\ninf,2,b\ninf,3,a\ninf,4,b\ninf,5,a\ninf,6,b\ninf,7,a\ninf,8,b\n",
}

CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="donnees" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""
SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def cell(ref, value):
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'.encode()
    return f'<c r="{ref}"><v>{value}</v></c>'.encode()


def rows_xml(rows):
    out = []
    for r, row in enumerate(rows, start=1):
        cells = b"".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row) if v is not None)
        out.append(f'<row r="{r}">'.encode() + cells + b"</row>")
    return b"".join(out)


def workbook(sheet_xml):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/worksheets/sheet1.xml", sheet_xml)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()


def sheet(rows, extra=b"", after=b""):
    return SHEET_HEAD + rows_xml(rows) + extra + b"</sheetData>" + after + b"</worksheet>"


def lie_about_sizes(zip_bytes, part, size):
    """Writes `size` as `part`'s uncompressed size in its local header and the central directory."""
    data = bytearray(zip_bytes)
    name = part.encode()
    for signature, size_at, name_at in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)]:
        i = data.find(signature)
        while i >= 0:
            name_len = struct.unpack_from("<H", data, i + (26 if signature == b"PK\x03\x04" else 28))[0]
            if bytes(data[i + name_at:i + name_at + name_len]) == name:
                struct.pack_into("<I", data, i + size_at, size)
            i = data.find(signature, i + 4)
    return bytes(data)


# A sheet of 4 MB (a header, then 200,000 identical rows) deflates to a few KB: with the
# tests' 1 MB limit it is the zip bomb, refused by the size its directory announces; the lying
# copy announces 1,000 bytes, and is refused while inflating.
BOMB_ROWS = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 80_000
BOMB = workbook(sheet([["x"]], BOMB_ROWS))

WORKBOOKS = {
    "zip_bomb.xlsx": BOMB,
    "zip_bomb_lying_directory.xlsx": lie_about_sizes(BOMB, "xl/worksheets/sheet1.xml", 1000),
    # A merged title over two columns, then a formula whose cached value is an error (#DIV/0!).
    "formula_error_merged_header.xlsx": workbook(sheet(
        [["mesures", None], ["taille", "poids"], [180, 75], [175, None]],
        extra=b'<row r="5"><c r="A5"><v>170</v></c><c r="B5" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
        after=b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>')),
    "xlsx_header_only.xlsx": workbook(sheet([["a", "b"]])),
    "xlsx_empty_sheet.xlsx": workbook(sheet([])),
    "xlsx_far_cell.xlsx": workbook(sheet([["a"], [1]], extra=b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
    "xlsx_garbage_after_magic.xlsx": b"PK\x03\x04" + b"not a zip at all" * 4,
    "xls_garbage_after_magic.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
    "zip_without_workbook.xlsx": None,
}


def zip_of_text():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("notes.txt", date_time=(2024, 1, 1, 0, 0, 0)), "bonjour")
    return buffer.getvalue()


WORKBOOKS["zip_without_workbook.xlsx"] = zip_of_text()

if __name__ == "__main__":
    for name, data in {**TEXT, **WORKBOOKS}.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    print(f"{len(TEXT) + len(WORKBOOKS)} files in {HERE}")
