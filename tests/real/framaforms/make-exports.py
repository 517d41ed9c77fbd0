#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Authoring-time generator of the Webform 7 / Framaforms exports in this
# directory, written the way drupalprojects/webform's own exporters write
# them (see README for the code followed, line by line). Run once; the
# outputs are committed, the tests never run Python.
import zipfile, datetime, html

TITLE = 'Ce qui coince à Fives'
# (form key, label, kind, options)
COMPONENTS = [
    ('numero_de_carte', 'Numéro de carte', 'textfield', None),
    ('moment', 'À quel moment ?', 'textfield', None),
    ('texte', "Qu'est-ce qui coince ?", 'textarea', None),
    ('gravite', 'Gravité', 'select', None),
    ('themes', 'Thèmes', 'multiple', [('logement', 'logement'), ('mobilite', 'mobilité'), ('alimentation', 'alimentation')]),
    ('courriel', 'Votre courriel (facultatif)', 'email', None),
]
# serial, sid, submitted (UTC timestamp), draft, ip, uid, name, values
SUBMISSIONS = [
    (1, 31, datetime.datetime(2023, 5, 12, 14, 32), 0, '192.0.2.17', 0, '',
     {'numero_de_carte': 'FRI-007', 'moment': 'Au retour', 'texte': "L'ascenseur est en panne, je monte les packs d'eau à pied.", 'gravite': '4', 'themes': ['logement'], 'courriel': 'nadia.b@example.org'}),
    (2, 32, datetime.datetime(2023, 5, 12, 15, 5), 0, '192.0.2.40', 12, 'marie.d',
     {'numero_de_carte': 'fri 9', 'moment': 'Dans le bus', 'texte': 'Le bus ne passe plus après 20 h.\nJe rentre à pied.', 'gravite': '3', 'themes': ['mobilite', 'alimentation'], 'courriel': ''}),
    (3, 35, datetime.datetime(2023, 5, 13, 9, 47), 1, '198.51.100.3', 0, '',
     {'numero_de_carte': 'FRI-011', 'moment': '', 'texte': 'Brouillon jamais envoyé', 'gravite': '', 'themes': [], 'courriel': ''}),
    (4, 36, datetime.datetime(2023, 5, 13, 10, 2), 0, '198.51.100.9', 0, '',
     {'numero_de_carte': 'FRI-012', 'moment': 'Au magasin', 'texte': 'Les rayons sont trop hauts, "même pour moi".', 'gravite': '2', 'themes': ['alimentation'], 'courriel': ''}),
]
INFO_4 = [('webform_serial', 'Serial'), ('webform_sid', 'SID'), ('webform_time', 'Submitted Time'),
          ('webform_completed_time', 'Completed Time'), ('webform_modified_time', 'Modified Time'),
          ('webform_draft', 'Draft'), ('webform_ip_address', 'IP Address'), ('webform_uid', 'UID'),
          ('webform_username', 'Username')]
INFO_3 = [('serial', 'Serial'), ('sid', 'SID'), ('time', 'Time'), ('draft', 'Draft'),
          ('ip_address', 'IP Address'), ('uid', 'UID'), ('username', 'Username')]
# Framaforms' French interface (see README: these labels were not found in
# a public translation file, they are the ones its interface shows).
FRENCH = {'Submission Details': 'Détails de la soumission', 'Serial': 'Numéro de série',
          'SID': 'SID', 'Submitted Time': 'Heure de soumission', 'Completed Time': 'Heure de fin',
          'Modified Time': 'Date de modification', 'Draft': 'Brouillon', 'IP Address': 'Adresse IP',
          'UID': 'UID', 'Username': "Nom d'utilisateur"}

def headers(info, keys, tr=lambda s: s):
    # webform_results_download_headers(): three rows.
    n = len(info)
    h0 = [TITLE] + [''] * (n - 1)
    h1 = ['submission_details' if keys else tr('Submission Details')] + [''] * (n - 1)
    h2 = [k if keys else tr(l) for k, l in info]
    for key, label, kind, opts in COMPONENTS:
        if kind == 'multiple':
            # _webform_csv_headers_select(), select_format "separate".
            for i, (ok, ol) in enumerate(opts):
                h0.append('')
                h1.append((key if keys else label) if i == 0 else '')
                h2.append(ol)
        else:
            h0.append(''); h1.append(''); h2.append(key if keys else label)
    return [h0, h1, h2]

def date_short(t, french):
    # format_date($submission->submitted, 'short'): Drupal's default short
    # format is "m/d/Y - H:i"; Framaforms' French one "d/m/Y - H:i".
    return t.strftime('%d/%m/%Y - %H:%M' if french else '%m/%d/%Y - %H:%M')

def rows(info, french=False, iso=False):
    out = []
    for serial, sid, t, draft, ip, uid, name, v in SUBMISSIONS:
        r = []
        for key, _ in info:
            k = key.replace('webform_', '')
            r.append({'serial': str(serial), 'sid': str(sid),
                      'time': t.strftime('%Y-%m-%dT%H:%M:%S') if iso else date_short(t, french),
                      'completed_time': '' if draft else (t.strftime('%Y-%m-%dT%H:%M:%S') if iso else date_short(t, french)),
                      'modified_time': t.strftime('%Y-%m-%dT%H:%M:%S') if iso else date_short(t, french),
                      'draft': str(draft), 'ip_address': ip, 'uid': str(uid), 'username': name}[k])
        for key, label, kind, opts in COMPONENTS:
            if kind == 'multiple':
                r += ['X' if ok in v[key] else '' for ok, ol in opts]
            else:
                r.append(v[key])
        out.append(r)
    return out

def delimited(path, table, sep):
    # webform_exporter_delimited::add_row(): every cell quoted, "" for a
    # quote, the line ending webform_csv_line_ending ("\n").
    with open(path, 'w', encoding='utf-8', newline='') as f:
        for r in table:
            f.write(sep.join('"' + c.replace('"', '""') + '"' for c in r) + '\n')

fr = lambda s: FRENCH.get(s, s)
delimited('webform7x4-labels.tsv', headers(INFO_4, False) + rows(INFO_4), '\t')
delimited('webform7x4-formkeys.csv', headers(INFO_4, True) + rows(INFO_4, iso=True), ',')
delimited('framaforms-fr.csv', headers(INFO_4, False, fr) + rows(INFO_4, french=True), ';')
delimited('webform7x3.csv', headers(INFO_3, False) + rows(INFO_3), ',')

# webform_exporter_excel_xlsx: one sheet XML written row by row with inline
# strings, dates as Excel serials with styles 1-3, 1024 spaces reserved at
# the start and overwritten by the XML declaration and <sheetData>.
def xlsx(path, table):
    body = ''
    for ri, r in enumerate(table):
        body += '<row>'
        col = 0
        for value in r:
            ref = ''
            c = col
            while True:
                ref = chr(ord('A') + c % 26) + ref
                c = c // 26 - 1
                if c < 0:
                    break
            ref += str(ri + 1)
            if value == '':
                pass
            else:
                body += '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, html.escape(value, quote=True).replace('&#x27;', '&#039;'))
            col += 1
        body += '</row>'
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:%s%d"/><sheetData>' % ('V', len(table))
    sheet = head + ' ' * (1024 - len(head)) + '\n' + body + '</sheetData></worksheet>'
    z = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\n</Relationships>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\n  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\n</Relationships>')
    z.writestr('xl/styles.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\n  <fonts count="1"><font><name val="Verdana"/></font></fonts>\n  <fills count="1"><fill><patternFill patternType="none"/></fill></fills>\n  <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\n  <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\n  <cellXfs count="5">\n    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\n    <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\n    <xf numFmtId="18" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\n    <xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\n    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\n      <alignment wrapText="1"/>\n    </xf>\n  </cellXfs>\n  <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\n  <dxfs count="0"/>\n  <tableStyles count="0"/>\n</styleSheet>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\n  <workbookPr />\n  <sheets>\n    <sheet name="Sheet1" sheetId="1" r:id="rId1"/>\n  </sheets>\n  <calcPr calcId="0"/>\n  <fileRecoveryPr repairLoad="1"/>\n</workbook>')
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n  <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\n  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\n  <Default Extension="xml" ContentType="application/xml"/>\n  <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\n  <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n  <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\n</Types>')
    z.writestr('xl/worksheets/sheet1.xml', sheet)
    z.close()
xlsx('framaforms-fr.xlsx', headers(INFO_4, False, fr) + rows(INFO_4, french=True))

# webform_exporter_excel_delimited: the "Microsoft Excel" download is the
# same tab-delimited text in UTF-16LE, after a byte order mark, named .xls.
def excel_delimited(path, table):
    with open(path, 'wb') as f:
        f.write(b'\xff\xfe')
        for r in table:
            row = '\t'.join('"' + c.replace('"', '""') + '"' for c in r) + '\n'
            f.write(row.encode('utf-16-le'))
excel_delimited('framaforms-fr-excel.xls', headers(INFO_4, False, fr) + rows(INFO_4, french=True))
