#!/usr/bin/env python3
"""Writes belgium-china.ndjson: every fact of the seed article (shared/seed/belgium-china-relations.txt,
the Wikipedia article "Belgium–China relations") as one event per line, each citing the article with
the section and sentence it comes from. Event ids are derived from the fact ids, so loading the file
twice records nothing twice. Run it after editing the facts below: python3 demo/make-belgium-china.py"""
import json, os, uuid

ARTICLE = {"url": "https://en.wikipedia.org/wiki/Belgium%E2%80%93China_relations",
           "title": "Belgium–China relations", "publisher": "Wikipedia"}

def src(locator):
    return [dict(ARTICLE, locator=locator)]

def person(name):
    return {"name": name}

def mission(fid, kind, sending, host, city, where):
    return dict(factId=fid, type="MissionRecorded", mission=dict(kind=kind, sendingState=sending, hostState=host, city=city),
                sources=src(where), certainty="REPORTED")

def visit(fid, when, who, office, visiting, host, where):
    e = dict(factId=fid, type="OfficialVisit", occurred=when, visitor=person(who), visitingState=visiting,
             hostState=host, sources=src(where), certainty="REPORTED")
    if office:
        e["office"] = office
    return e

INTRO = "Lead: \"The People's Republic of China (PRC) has an embassy in Brussels while Belgium has an embassy in Beijing and consulates in Guangzhou, Hong Kong and Shanghai.\""
HIST2 = "History, paragraph 2"
facts = [
    mission("bel-chn-mission-prc-embassy-brussels", "EMBASSY", "CHN", "BEL", "Brussels", INTRO),
    mission("bel-chn-mission-bel-embassy-beijing", "EMBASSY", "BEL", "CHN", "Beijing", INTRO),
    mission("bel-chn-mission-bel-consulate-guangzhou", "CONSULATE", "BEL", "CHN", "Guangzhou", INTRO),
    mission("bel-chn-mission-bel-consulate-hong-kong", "CONSULATE", "BEL", "CHN", "Hong Kong", INTRO),
    mission("bel-chn-mission-bel-consulate-shanghai", "CONSULATE", "BEL", "CHN", "Shanghai", INTRO),
    dict(factId="bel-chn-korean-war", type="ArmedConflict", occurred="1950/1953", conflict="Korean War",
         sides=[dict(actor="BEL", force="Belgian Volunteer Corps for Korea", alignment="United Nations Command"),
                dict(actor="CHN", force="People's Volunteer Army")],
         framework="United Nations Command", certainty="CONFIRMED",
         summary="Belgian volunteers under the UN Command fought the PRC's People's Volunteer Army in multiple battles.",
         sources=src("History, paragraph 1: \"During the Korean War, the Belgian Volunteer Corps for Korea under the United Nations Command fought the PRC's People's Volunteer Army in multiple battles.\"")),
    dict(factId="bel-chn-relations-established", type="DiplomaticRelationsEstablished", occurred="1971-10-25",
         certainty="CONFIRMED",
         summary="Diplomatic relations between the People's Republic of China and Belgium were established on 25 October 1971.",
         sources=src(HIST2 + ": \"Diplomatic relations between the People's Republic of China and the Belgium were established on 25 October 1971.\"")),
    visit("bel-chn-visit-zhu-rongji-1991", "1991-04", "Zhu Rongji", None, "CHN", "BEL", HIST2 + ": \"such as Zhu Rongji in April 1991\""),
    visit("bel-chn-visit-qian-qichen-1992", "1992-03", "Qian Qichen", "Vice-premier", "CHN", "BEL", HIST2 + ": \"Vice-premier Qian Qichen in March 1992\""),
    visit("bel-chn-visit-prince-albert-1993", "1993-05", "Albert", "Crown Prince", "BEL", "CHN", HIST2 + ": \"Crown Prince Albert has visited China in May 1993\""),
    visit("bel-chn-visit-prince-philippe-1996", "1996-11", "Philippe", "Crown Prince", "BEL", "CHN", HIST2 + ": \"Crown Prince Philippe visited in November 1996 and May 2000\""),
    visit("bel-chn-visit-prince-philippe-2000", "2000-05", "Philippe", "Crown Prince", "BEL", "CHN", HIST2 + ": \"Crown Prince Philippe visited in November 1996 and May 2000\""),
    visit("bel-chn-visit-dehaene-1998", "1998-11", "Jean-Luc Dehaene", "Prime Minister", "BEL", "CHN", HIST2 + ": \"The former prime ministers Jean-Luc Dehaene visited China in November 1998\""),
    visit("bel-chn-visit-verhofstadt-2002", "2002-03", "Guy Verhofstadt", "Prime Minister", "BEL", "CHN", HIST2 + ": \"Prime Minister Guy Verhofstadt visited in March 2002\""),
    dict(visit("bel-chn-visit-xi-jinping-2009", "2009-10", "Xi Jinping", "Vice President", "CHN", "BEL",
               "History, paragraph 3: \"China's Vice President Xi Jinping has been to Belgium in October 2009 to enhance bilateral cooperation in terms of trade, human and cultural exchanges.\""),
         summary="To enhance bilateral cooperation in trade, human and cultural exchanges."),
    dict(factId="bel-chn-shanghai-expo-2010", type="EventParticipation", occurred="2010", event="Expo 2010 Shanghai",
         participant="BEL", host="CHN", role="national pavilion", certainty="CONFIRMED",
         sources=src("History, paragraph 4: \"Belgium has a pavilion in the Shanghai Expo 2010.\"")),
    dict(factId="bel-chn-unhrc-uyghur-letter-2019", type="MultilateralStatement", occurred="2019-07",
         forum="United Nations Human Rights Council", signatories=["BEL"], signatoryCount=22, target="CHN",
         subject="Joint letter condemning the persecution of the Uyghurs and other minorities, urging the closure of the Xinjiang internment camps",
         certainty="CONFIRMED",
         sources=src("History, paragraph 5: \"In July 2019, the UN ambassadors from 22 nations, including Belgium, signed a joint letter to the UNHRC condemning the Chinese government's persecution of the Uyghurs\"")),
    dict(factId="bel-chn-brotchi-entry-ban-2019", type="PersonalSanction", occurred="2019", imposedBy="CHN",
         target=person("Jacques Brotchi"), targetOffice="President of the Senate", measure="entry ban",
         duration="lifetime", reason="visiting Taiwan", certainty="REPORTED",
         sources=src("History, paragraph 6: \"In 2019 as punishment for visiting Taiwan President of the Senate Jacques Brotchi received a lifetime ban from entering China.\"")),
    dict(factId="bel-chn-hong-kong-nsl-opposition-2020", type="PolicyOpposition", occurred="2020-06", opposedBy="BEL",
         policyOf="CHN", policy="Hong Kong national security law", certainty="CONFIRMED",
         sources=src("History, paragraph 7: \"In June 2020, Belgium openly opposed the Hong Kong national security law.\"")),
    dict(factId="bel-chn-creyelman-recruitment", type="EspionageAllegation", disclosed="2023-12", accused="CHN",
         accuser="BEL", accusedAgency="Ministry of State Security", kind="recruitment", targets=[person("Frank Creyelman")],
         certainty="ALLEGED",
         summary="Prime Minister Alexander De Croo called China a \"sometimes very hostile\" country after the allegations.",
         sources=src("Espionage, paragraph 1: \"allegations that the Ministry of State Security had recruited Belgian politician Frank Creyelman for espionage\"")),
    dict(factId="bel-chn-envoy-summoned-2024-04", type="DiplomatSummoned", occurred="2024-04", summonedBy="BEL",
         envoyOf="CHN", envoyTitle="envoy", reason="reports that Chinese spies (APT31) hacked the laptops of key lawmakers",
         respondsTo="bel-chn-apt31-lawmakers",
         certainty="CONFIRMED",
         sources=src("Espionage, paragraph 2: \"In April 2024, the Belgian Foreign Ministry summoned the Chinese envoy\"")),
    dict(factId="bel-chn-apt31-lawmakers", type="CyberIncident", disclosed="2024-04", threatActor="APT31",
         attributedTo="CHN", targets=["head of the Belgian Foreign Affairs Committee", "Guy Verhofstadt", "other key lawmakers"],
         certainty="REPORTED",
         sources=src("Espionage, paragraph 2: \"reports emerged that Chinese spies (APT31) hacked the laptops of key lawmakers such as the head of the Belgian Foreign Affairs Committee and former prime minister Guy Verhofstadt\"")),
    dict(factId="bel-chn-huy-mayor-coercion-2020", type="EspionageAllegation", occurred="2020", disclosed="2025-04",
         accused="CHN", reportedBy="Belgian media", accusedAgency="Chinese intelligence", kind="coercion",
         targets=[person("Eric Dosogne"), person("Samuel Cogolati")], certainty="REPORTED",
         summary="Chinese intelligence attempted to coerce the mayor of Huy, Eric Dosogne, to spy on Samuel Cogolati (Ecolo, Inter-Parliamentary Alliance on China).",
         sources=src("Espionage, paragraph 2: \"In April 2025, Belgian media reported that Chinese intelligence attempted to coerce the mayor of Huy, Eric Dosogne, in 2020 to spy on Samuel Cogolati\"")),
    dict(factId="bel-chn-mustang-panda-diplomats", type="CyberIncident", disclosed="2025-10", threatActor="Mustang Panda",
         attributedTo="CHN", targets=["Belgian diplomats", "other European diplomats"], certainty="REPORTED",
         summary="Cyber-espionage campaign of the Chinese state-backed APT group Mustang Panda.",
         sources=src("Espionage, paragraph 2: \"In October 2025, it was reported that Chinese state-backed advanced persistent threat group Mustang Panda had targeted Belgian and other European diplomats\"")),
    dict(factId="bel-chn-trade-2013", type="TradeStatisticReported", occurred="2013", reporter="BEL", partner="CHN",
         flow="TOTAL", value=20200000000, currency="EUR", qualifier="EXACT", partnerRank=6, sharePercent=4.1,
         certainty="REPORTED",
         sources=src("Trade: \"The trade between the two countries in 2013 came to a value of EUR20.2 billion. China is Belgium's sixth biggest trading partner which makes up 4.1% of Belgium's trade.\"")),
    dict(factId="bel-chn-trade-2008", type="TradeStatisticReported", occurred="2008", reporter="BEL", partner="CHN",
         flow="TOTAL", value=20000000000, qualifier="MORE_THAN", averageAnnualGrowthPercent=20, certainty="REPORTED",
         summary="The source gives no currency.",
         sources=src("Trade: \"The trade between the two countries in 2008 exceeded 20 billion and growing on average 20% every year.\"")),
    dict(factId="bel-chn-person-qian-xiuling", type="NotablePersonLinked", occurred="1939/1945",
         person=person("Qian Xiuling"), role="saved nearly 100 Belgians from execution by the Nazis during World War II",
         certainty="REPORTED",
         summary="Qian Xiuling (1912–2008), or Siou-Ling Tsien de Perlinghi, immigrant from the Republic of China; decorated in Belgium, a street bears her name.",
         sources=src("Chinese people in Belgium: \"Qian Xiuling (1912–2008) ... helped to save nearly 100 Belgian people from execution by the Nazis during World War II.\"")),
    dict(factId="bel-chn-see-also-foreign-relations-of-belgium", type="RelatedRelationLinked", related="Foreign relations of Belgium", sources=src("See also")),
    dict(factId="bel-chn-see-also-foreign-relations-of-china", type="RelatedRelationLinked", related="Foreign relations of China", sources=src("See also")),
    dict(factId="bel-chn-see-also-chinese-people-in-belgium", type="RelatedRelationLinked", related="Chinese people in Belgium", sources=src("See also")),
    dict(factId="bel-chn-see-also-china-eu-relations", type="RelatedRelationLinked", related="China–EU relations", relatedDyad="CHN-EU", sources=src("See also")),
]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "belgium-china.ndjson")
with open(out, "w", encoding="utf-8") as f:
    for fact in facts:
        event = {"eventId": str(uuid.uuid5(uuid.NAMESPACE_URL, "https://bilateral.io/demo/" + fact["factId"])),
                 "dyad": "BEL-CHN"}
        event.update(fact)
        f.write(json.dumps(event, ensure_ascii=False) + "\n")
print(f"{len(facts)} events written to {out}")
