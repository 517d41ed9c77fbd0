#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Authoring-time generator of the Decidim exports in this directory (see
# README): ProposalSerializer's hashes, flattened and written as
# Decidim::Exporters::CSV and ::JSON do. Run once; the outputs are committed.
import json, csv, io

def flatten(o, key=None):
    # exporters/csv.rb flatten: nested keys joined with '/', arrays with ", ".
    if isinstance(o, dict):
        r = {}
        for k, v in o.items():
            r.update(flatten(v, f"{key}/{k}" if key else k))
        return r
    if isinstance(o, list):
        return {key: ", ".join(str(x) for x in o if x is not None)}
    return {key: o}

def sanitize(v):
    # custom_sanitize: = + - @ first get an apostrophe.
    if isinstance(v, str) and v[:1] in ('=', '+', '-', '@'):
        return "'" + v
    return v

def cell(v):
    if v is None: return ''
    if v is True: return 'true'
    if v is False: return 'false'
    return str(v)

def write_csv(path, items):
    rows = [flatten(i) for i in items]
    headers = []
    for r in rows:
        for k in r:
            if k not in headers: headers.append(k)
    f = io.StringIO()
    w = csv.writer(f, delimiter=';', lineterminator='\n')
    w.writerow(headers)
    for r in rows:
        w.writerow([cell(sanitize(r.get(h))) for h in headers])
    open(path, 'w').write(f.getvalue())

L = lambda fr, en, ca='': {'ca': ca, 'en': en, 'fr': fr}
old = [
  {'id': 101, 'category': {'id': 7, 'name': L('Mobilité', 'Mobility', 'Mobilitat')},
   'scope': {'id': 3, 'name': L('Fives', 'Fives', 'Fives')},
   'participatory_space': {'id': 2, 'url': 'https://participer.example.org/processes/fives-courses'},
   'component': {'id': 12}, 'title': L('Un minibus solidaire le samedi', 'A solidarity minibus on Saturdays'),
   'body': L('<p>Pour aller au marché de Wazemmes avec les courses&nbsp;: un minibus qui passe <strong>au pied des tours</strong>.</p>', '<p>To get to the market.</p>'),
   'state': 'accepted', 'reference': 'FIV-PROP-2023-05-101', 'answer': L('', ''), 'supports': 14,
   'endorsements': {'total_count': 2, 'user_endorsements': ['Karim B.', 'Sophie L.']},
   'comments': 3, 'attachments': 0, 'followers': 5, 'published_at': '2023-05-13T09:12:44+02:00',
   'url': 'https://participer.example.org/processes/fives-courses/f/12/proposals/101',
   'meeting_urls': [], 'related_proposals': [], 'is_amend': False,
   'original_proposal': {'title': None, 'url': None}},
  {'id': 102, 'category': {'id': 8, 'name': L('Logement', 'Housing', 'Habitatge')},
   'scope': {'id': None, 'name': L('', '', '')},
   'participatory_space': {'id': 2, 'url': 'https://participer.example.org/processes/fives-courses'},
   'component': {'id': 12}, 'title': L('Réparer l’ascenseur de la tour B en moins d’une semaine', 'Repair the lift within a week'),
   'body': L('<p>- Une astreinte le week-end<br>- Un affichage du délai dans le hall</p>', '<p>On-call team.</p>'),
   'state': 'evaluating', 'reference': 'FIV-PROP-2023-05-102', 'answer': L('', ''), 'supports': 9,
   'endorsements': {'total_count': 0, 'user_endorsements': []},
   'comments': 0, 'attachments': 1, 'followers': 2, 'published_at': '2023-05-14T18:40:02+02:00',
   'url': 'https://participer.example.org/processes/fives-courses/f/12/proposals/102',
   'meeting_urls': ['https://participer.example.org/processes/fives-courses/f/13/meetings/4'], 'related_proposals': [], 'is_amend': False,
   'original_proposal': {'title': None, 'url': None}},
]
write_csv('decidim-0.27-proposals.csv', old)
new = [
  {'id': 201, 'author': {'id': [45], 'name': ['Nadia Benali'], 'url': ['https://participer.example.org/profiles/nbenali']},
   'taxonomies': {'ids': [31, 35], '31': L('Mobilité', 'Mobility'), '35': L('Alimentation', 'Food')},
   'participatory_space': {'id': 4, 'url': 'https://participer.example.org/processes/fives-2025'},
   'component': {'id': 21}, 'title': {'fr': 'Des achats groupés livrés au pied de l’immeuble', 'en': 'Group purchases delivered downstairs', 'machine_translation': {'ca': 'Compres agrupades'}},
   'body': {'fr': 'Une commande par mois, livrée le samedi matin.\n\n* Inscription à la maison de quartier\n* Paiement à la livraison', 'en': 'One order a month.'},
   'address': '12 rue Pierre Legrand, Lille', 'latitude': 50.6291, 'longitude': 3.0912,
   'state': 'accepted', 'state_published_at': '2025-03-02T10:00:00+01:00', 'reference': 'FIV-PROP-2025-02-201',
   'answer': L('Retenue pour le budget 2025.', 'Selected.'), 'answered_at': '2025-03-01T16:22:10+01:00', 'votes': 27,
   'likes': {'total_count': 4, 'user_endorsements': ['Paul M.', 'Ali B.']},
   'comments': 6, 'attachments': 0, 'follows_count': 9, 'published_at': '2025-02-11T20:05:31+01:00',
   'url': 'https://participer.example.org/processes/fives-2025/f/21/proposals/201', 'meeting_urls': [], 'related_proposals': [],
   'is_amend': False, 'original_proposal': {'title': None, 'url': None}, 'withdrawn': False, 'withdrawn_at': None,
   'created_at': '2025-02-10T11:48:00+01:00', 'updated_at': '2025-03-02T10:00:00+01:00', 'created_in_meeting': False,
   'coauthorships_count': 1, 'cost': None, 'cost_report': L('', ''), 'execution_period': L('', '')},
  {'id': 202, 'author': {'id': [51], 'name': ['Jean Dupuis'], 'url': ['https://participer.example.org/profiles/jdupuis']},
   'taxonomies': {'ids': [33], '33': L('Logement', 'Housing')},
   'participatory_space': {'id': 4, 'url': 'https://participer.example.org/processes/fives-2025'},
   'component': {'id': 21}, 'title': {'fr': '=Un panneau qui annonce les pannes d’ascenseur', 'en': 'A sign announcing lift failures'},
   'body': {'fr': 'Avec la date de réparation prévue. Contact : jean.dupuis@example.org', 'en': 'With the planned date.'},
   'address': None, 'latitude': None, 'longitude': None,
   'state': '', 'state_published_at': None, 'reference': 'FIV-PROP-2025-02-202',
   'answer': L('', ''), 'answered_at': None, 'votes': 11,
   'likes': {'total_count': 0, 'user_endorsements': []},
   'comments': 1, 'attachments': 0, 'follows_count': 2, 'published_at': '2025-02-12T08:15:00+01:00',
   'url': 'https://participer.example.org/processes/fives-2025/f/21/proposals/202', 'meeting_urls': [], 'related_proposals': [],
   'is_amend': False, 'original_proposal': {'title': None, 'url': None}, 'withdrawn': False, 'withdrawn_at': None,
   'created_at': '2025-02-12T08:10:00+01:00', 'updated_at': '2025-02-12T08:15:00+01:00', 'created_in_meeting': False,
   'coauthorships_count': 1, 'cost': None, 'cost_report': L('', ''), 'execution_period': L('', '')},
]
write_csv('decidim-0.30-proposals.csv', new)
open('decidim-0.30-proposals.json', 'w').write(json.dumps(new, indent=2, ensure_ascii=False) + '\n')
