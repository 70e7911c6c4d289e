#!/usr/bin/env python3
"""Writes lithuania-china.ndjson: the 2021-2024 crisis between Lithuania and China, as a second demo
of the vocabulary beyond the Belgium-China article: leaving a format one side leads, ambassadors
recalled and relations lowered to charge d'affaires level, a customs blockade and import bans, a
WTO dispute filed by the EU on Lithuania's behalf, and Taiwan's representative office in Vilnius,
recorded under Lithuania-Taiwan and concerning Lithuania-China. Dates are as precise as the sources
(the Wikipedia article "China-Lithuania relations" and the WTO's page of case DS610).
Event ids are derived from the fact ids, so loading the file twice records nothing twice.
Run it after editing the facts below: python3 demo/make-lithuania-china.py"""
import json, os, uuid

ARTICLE = {"url": "https://en.wikipedia.org/wiki/China%E2%80%93Lithuania_relations",
           "title": "China–Lithuania relations", "publisher": "Wikipedia"}
DS610 = {"url": "https://www.wto.org/english/tratop_e/dispu_e/cases_e/ds610_e.htm",
         "title": "DS610: China — Measures Concerning Trade in Goods and Services", "publisher": "World Trade Organization"}

def src(locator, source=ARTICLE):
    return [dict(source, locator=locator)]

def representation(fid, when, sending, receiving, action, summary, **more):
    return dict(factId=fid, type="RepresentationChanged", occurred=when, sendingState=sending, receivingState=receiving,
                action=action, summary=summary, sources=src("2021 diplomatic crisis"), certainty="CONFIRMED", **more)

def measure(fid, when, kind, goods, step, summary, **more):
    return dict(factId=fid, type="EconomicMeasure", occurred=when, imposedBy="CHN", imposedOn="LTU", measure=kind,
                goods=goods, step=step, summary=summary, sources=src("2021 diplomatic crisis: trade"), certainty="REPORTED", **more)

def dispute(fid, when, step, summary, source, **more):
    return dict(factId=fid, type="LegalDispute", occurred=when, forum="WTO", caseId="DS610", complainant="EU",
                respondent="CHN", onBehalfOf="LTU", step=step, summary=summary, alsoConcerns=["CHN-EU"],
                sources=source, certainty="CONFIRMED", **more)

facts = [
    dict(factId="chn-ltu-relations-established", type="DiplomaticRelationsEstablished", occurred="1991-09-14",
         sources=src("History"), certainty="CONFIRMED"),
    dict(factId="chn-ltu-leaves-17-plus-1", type="MembershipChanged", occurred="2021-05-22", member="LTU",
         organisation="17+1 (Cooperation between China and Central and Eastern European Countries)", ledBy="CHN",
         change="LEFT", summary="Lithuania announces it leaves the 17+1 format and calls on the EU to engage China as 27",
         sources=src("2021 diplomatic crisis"), certainty="CONFIRMED"),
    dict(factId="chn-ltu-office-announced-protest", type="Interaction", occurred="2021-07-20", cameo="111", actor="CHN", target="LTU",
         description="China condemns the announcement that Taiwan will open a representative office under the name Taiwanese",
         sources=src("2021 diplomatic crisis"), certainty="REPORTED"),
    representation("chn-ltu-chinese-ambassador-recalled", "2021-08-10", "CHN", "LTU", "AMBASSADOR_RECALLED",
                   "China recalls its ambassador from Vilnius and demands that Lithuania recall its own"),
    dict(factId="chn-ltu-recall-demanded", type="Interaction", occurred="2021-08-10", cameo="1313", actor="CHN", target="LTU",
         description="China demands that Lithuania recall its ambassador from Beijing",
         sources=src("2021 diplomatic crisis"), certainty="CONFIRMED"),
    representation("chn-ltu-lithuanian-ambassador-recalled", "2021-09-03", "LTU", "CHN", "AMBASSADOR_RECALLED",
                   "Lithuania recalls its ambassador from Beijing", envoy={"name": "Diana Mickevičienė"}),
    representation("chn-ltu-charge-d-affaires", "2021-11-21", "CHN", "LTU", "LEVEL_CHANGED",
                   "China lowers diplomatic relations with Lithuania to the level of chargé d'affaires",
                   level="CHARGE_D_AFFAIRES", bothWays=True),
    measure("chn-ltu-customs-blockade", "2021-12", "CUSTOMS_OBSTRUCTION", "Lithuanian goods, and goods with Lithuanian parts",
            "IMPOSED", "Lithuania disappears from China's customs registry: shipments from Lithuania cannot be cleared"),
    representation("chn-ltu-embassy-staff-withdrawn", "2021-12-15", "LTU", "CHN", "LEVEL_CHANGED",
                   "Lithuania withdraws its remaining diplomats from Beijing", level="NONE"),
    dispute("chn-ltu-ds610-filed", "2022-01-27", "FILED",
            "The EU requests WTO consultations with China over its discriminatory trade practices against Lithuania",
            src("Consultations requested", DS610)),
    measure("chn-ltu-beef-ban", "2022-02", "IMPORT_BAN", "beef, dairy products and beer", "IMPOSED",
            "China suspends imports of Lithuanian beef, and of dairy products and beer"),
    dispute("chn-ltu-ds610-suspended", "2024-01", "SUSPENDED",
            "The EU asks the panel to suspend its work", src("Panel suspended", DS610)),
]

office = dict(factId="ltu-twn-representative-office-vilnius", type="MissionOpened", occurred="2021-11-18",
              mission=dict(kind="REPRESENTATIVE_OFFICE", sendingState="TWN", hostState="LTU", city="Vilnius"),
              summary="The Taiwanese Representative Office in Lithuania opens in Vilnius", alsoConcerns=["CHN-LTU"],
              sources=src("2021 diplomatic crisis"), certainty="CONFIRMED")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lithuania-china.ndjson")
with open(out, "w", encoding="utf-8") as f:
    for dyad, fact in [("CHN-LTU", fact) for fact in facts] + [("LTU-TWN", office)]:
        event = {"eventId": str(uuid.uuid5(uuid.NAMESPACE_URL, "https://bilateral.io/demo/" + fact["factId"])), "dyad": dyad}
        event.update(fact)
        f.write(json.dumps(event, ensure_ascii=False) + "\n")
print(f"{len(facts) + 1} events written to {out}")
