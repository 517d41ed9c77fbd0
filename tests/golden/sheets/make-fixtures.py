#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Authoring-time generator of the hand-made spreadsheet fixtures in this
# directory (the genuine LibreOffice ones are in tests/real/spreadsheets).
# Run once; the outputs are committed. Each file probes one rule of
# lib/xlsx.c, lib/ods.c or lib/zippkg.c; see README.
import zipfile, io

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
CT = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'''
TOPRELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>'''

def xlsx(path, sheet_xml, sst=None, styles=None, wbpr='', prefix='', ns=NS, rns=R, wbpath='xl/workbook.xml', extra=()):
    z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', CT)
    z.writestr('_rels/.rels', TOPRELS % ('/' + wbpath))
    p = prefix + ':' if prefix else ''
    x = 'xmlns:%s' % prefix if prefix else 'xmlns'
    z.writestr(wbpath, '<?xml version="1.0" encoding="UTF-8"?><%sworkbook %s="%s" xmlns:r="%s">%s<%ssheets><%ssheet name="Réponses" sheetId="1" r:id="rId1"/><%ssheet name="Feuil2" sheetId="2" r:id="rId9"/></%ssheets></%sworkbook>' % (p, x, ns, rns, wbpr, p, p, p, p, p))
    d = wbpath.rsplit('/', 1)[0]
    rels = '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="%s/worksheet" Target="../%s/worksheets/other.xml"/>' % (rns, rns, d)
    if sst:
        rels += '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % rns
        z.writestr(d + '/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8"?><%ssst %s="%s">%s</%ssst>' % (p, x, ns, sst, p))
    if styles:
        rels += '<Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/>' % rns
        z.writestr(d + '/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><%sstyleSheet %s="%s">%s</%sstyleSheet>' % (p, x, ns, styles, p))
    z.writestr(d + '/_rels/' + wbpath.rsplit('/', 1)[1] + '.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)
    z.writestr(d + '/worksheets/sheet1.xml', '<?xml version="1.0" encoding="UTF-8"?><%sworksheet %s="%s"><%ssheetData>%s</%ssheetData></%sworksheet>' % (p, x, ns, p, sheet_xml.replace('<', '<' + p).replace('<' + p + '/', '</' + p), p, p))
    z.writestr(d + '/worksheets/other.xml', '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c><c r="B1" t="inlineStr"><is><t>text</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>note</t></is></c><c r="B2" t="inlineStr"><is><t>Deuxième feuille</t></is></c></row></sheetData></worksheet>' % ns)
    for name, data in extra:
        z.writestr(name, data)
    z.close()

# Every kind of cell value, shared strings with rich runs and a phonetic run.
sst = ('<si><t>type</t></si><si><t>text</t></si><si><t>votes</t></si><si><t>session</t></si>'
       '<si><r><t>Le bus </t></r><r><rPr><b/></rPr><t xml:space="preserve">ne passe </t></r><r><t>plus</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh></si>'
       '<si><t>friction</t></si><si><t>field:relu</t></si><si><t>field:heure</t></si>')
styles = ('<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="&quot;Le &quot;0"/></numFmts>'
          '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="20"/><xf numFmtId="22"/></cellXfs>')
rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>6</v></c><c r="F1" t="s"><v>7</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" s="2"><v>3</v></c><c r="D3" s="1"><v>45058</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" s="3"><v>0.604166666666667</v></c></row>'
        '<row><c t="str"><f>A3</f><v>friction</v></c><c t="inlineStr"><is><t>Texte en ligne, formule ci-contre</t></is></c><c><f>1+1</f><v>2</v></c><c t="d"><v>2023-05-13T00:00:00</v></c><c t="b"><v>0</v></c><c s="4"><v>45059.75</v></c></row>'
        '<row r="6"><c r="A6" t="s"><v>5</v></c><c r="B6" t="inlineStr"><is><t>Une erreur de formule</t></is></c><c r="C6" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        '<row r="7"><c r="A7" t="s"><v>5</v></c><c r="B7" t="s"><v>99</v></c><c r="C7"><v>0.30000000000000004</v></c></row>'
        '<row r="8"><c r="A8" t="s"><v>5</v></c><c r="B8" t="inlineStr"><is><t>Un nombre décimal</t></is></c><c r="C8"><v>1.5E-3</v></c></row>')
xlsx('cells.xlsx', rows, sst, styles)
# The 1904 date system, a prefixed namespace, the workbook in another folder.
xlsx('mac1904.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>session</t></is></c><c r="B1" t="inlineStr"><is><t>text</t></is></c></row><row r="2"><c r="A2" s="1"><v>43596</v></c><c r="B2" t="inlineStr"><is><t>Daté en 1904</t></is></c></row>',
     None, '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>', wbpr='<x:workbookPr date1904="1"/>', prefix='x', wbpath='book/wb.xml')
# Strict OOXML namespaces.
xlsx('strict.xlsx', '<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>En OOXML strict</t></is></c></row>',
     ns='http://purl.oclc.org/ooxml/spreadsheetml/main', rns='http://purl.oclc.org/ooxml/officeDocument/relationships')
# Hostile: a DOCTYPE with entities (the billion laughs), a zip bomb, a row bomb.
lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
z = zipfile.ZipFile('doctype.xlsx', 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', CT)
z.writestr('_rels/.rels', TOPRELS % 'xl/workbook.xml')
z.writestr('xl/workbook.xml', '<?xml version="1.0"?>' + lol + '<workbook xmlns="%s"><sheets><sheet name="&lol2;" sheetId="1"/></sheets></workbook>' % NS)
z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s"><sheetData/></worksheet>' % NS)
z.close()
z = zipfile.ZipFile('bomb.xlsx', 'w', zipfile.ZIP_DEFLATED, compresslevel=9)
z.writestr('[Content_Types].xml', CT)
z.writestr('_rels/.rels', TOPRELS % 'xl/workbook.xml')
z.writestr('xl/workbook.xml', '<workbook xmlns="%s"><sheets><sheet name="A" sheetId="1"/></sheets></workbook>' % NS)
z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s"><sheetData>' % NS + ' ' * (24 << 20) + '</sheetData></worksheet>')
z.close()
ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet'
def ods(path, table):
    z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo('mimetype'), ODS_MIME)
    z.writestr('content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"><office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document-content>' % table)
    z.close()
ods('rowbomb.ods', '<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p>text</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell office:value-type="string" table:number-columns-repeated="4096"><text:p>x</text:p></table:table-cell></table:table-row></table:table>')
ods('annotations.ods', '<table:table table:name="Avec commentaires"><table:table-row><table:table-cell office:value-type="string"><text:p>text</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>votes</text:p></table:table-cell></table:table-row>'
    '<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>Un commentaire, pas une valeur</text:p></office:annotation><text:p>Avec<text:tab/>tabulation<text:line-break/>et retour</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25 %</text:p></table:table-cell></table:table-row>'
    '<table:table-row><table:covered-table-cell/><table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>'
    '<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string"><text:p>trois fois</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>')
# Not spreadsheets: a text document, a truncated workbook.
z = zipfile.ZipFile('letter.odt', 'w')
z.writestr('mimetype', 'application/vnd.oasis.opendocument.text')
z.writestr('content.xml', '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
z.close()
data = open('cells.xlsx', 'rb').read()
open('truncated.xlsx', 'wb').write(data[:len(data) // 2])
# Shared strings that add up to more than 4 MiB, each short: the 4 MiB cap
# is on one text, not on the table of strings (a bug once).
n = 60000
sst = ''.join('<si><t>Texte numéro %05d de la table %d</t></si>' % (i, i % 7) for i in range(n))
rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>' + ''.join(
    '<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (i + 2, i + 2, i) for i in range(0, n, 1000))
xlsx('many-strings.xlsx', rows, sst)
