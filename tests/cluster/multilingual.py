"""A small multilingual development check, written for babelwire (no third-party text).

Four stories, each told in two or three languages, plus two look-alikes that
share a language and a kind of event with one of them but are different
events. Every story key is the event the articles should form.
"""

from __future__ import annotations

STORIES: list[tuple[str, str, str]] = [
    # (story, language, text)
    (
        "peru-quake",
        "en",
        "Strong earthquake kills twelve in southern Peru\n"
        "A magnitude 6.8 earthquake struck southern Peru near the city of Arequipa on Tuesday "
        "morning, killing at least twelve people and damaging hundreds of adobe homes, the "
        "national civil defence institute said. Rescue teams were searching collapsed buildings "
        "in the Caylloma province, and the government declared a state of emergency.",
    ),
    (
        "peru-quake",
        "es",
        "Un fuerte sismo deja doce muertos en el sur del Perú\n"
        "Un terremoto de magnitud 6,8 sacudió el sur del Perú cerca de la ciudad de Arequipa el "
        "martes por la mañana y dejó al menos doce muertos y cientos de viviendas de adobe "
        "dañadas, informó el instituto de defensa civil. Los rescatistas buscan sobrevivientes "
        "en la provincia de Caylloma y el gobierno declaró el estado de emergencia.",
    ),
    (
        "peru-quake",
        "de",
        "Schweres Erdbeben im Süden Perus: zwölf Tote\n"
        "Ein Erdbeben der Stärke 6,8 hat am Dienstagmorgen den Süden Perus nahe der Stadt "
        "Arequipa erschüttert. Mindestens zwölf Menschen kamen ums Leben, Hunderte Lehmhäuser "
        "wurden beschädigt, teilte der Zivilschutz mit. In der Provinz Caylloma suchen "
        "Rettungskräfte in eingestürzten Gebäuden, die Regierung rief den Notstand aus.",
    ),
    (
        "norway-oil",
        "nb",
        "Regjeringen stanser nye oljelisenser i Barentshavet\n"
        "Regjeringen kunngjorde torsdag at det ikke blir delt ut nye letelisenser for olje og "
        "gass i Barentshavet de neste fire årene. Olje- og energiministeren sa at beslutningen "
        "skal beskytte iskanten og fiskeriene. Oljeindustrien kaller vedtaket et tilbakeslag, "
        "mens miljøorganisasjonene jubler.",
    ),
    (
        "norway-oil",
        "en",
        "Norway halts new oil licences in the Barents Sea\n"
        "Norway's government announced on Thursday that no new exploration licences for oil "
        "and gas will be awarded in the Barents Sea for the next four years. The energy minister "
        "said the decision protects the ice edge and the fisheries. The oil industry called it "
        "a setback, while environmental groups celebrated.",
    ),
    (
        "norway-oil",
        "fr",
        "La Norvège suspend les nouvelles licences pétrolières en mer de Barents\n"
        "Le gouvernement norvégien a annoncé jeudi qu'aucune nouvelle licence d'exploration de "
        "pétrole et de gaz ne sera attribuée en mer de Barents pendant quatre ans. Le ministre "
        "de l'Énergie a déclaré que la décision protège la lisière des glaces et la pêche. "
        "L'industrie pétrolière parle d'un revers, les écologistes se réjouissent.",
    ),
    (
        "rail-strike",
        "fr",
        "Grève nationale à la SNCF : la plupart des TGV annulés\n"
        "Les cheminots ont entamé mercredi une grève nationale de trois jours contre la réforme "
        "des retraites. La SNCF a annulé deux TGV sur trois et la quasi-totalité des trains "
        "régionaux en Île-de-France. Les syndicats appellent à manifester samedi à Paris.",
    ),
    (
        "rail-strike",
        "en",
        "French rail strike cancels most high-speed trains\n"
        "French railway workers began a three-day national strike on Wednesday against the "
        "pension reform. The operator SNCF cancelled two out of three TGV trains and nearly all "
        "regional trains around Paris. Unions have called for a march in Paris on Saturday.",
    ),
    (
        "rail-strike",
        "de",
        "Bahnstreik in Frankreich: Großteil der TGV fällt aus\n"
        "Die französischen Eisenbahner haben am Mittwoch einen dreitägigen landesweiten Streik "
        "gegen die Rentenreform begonnen. Die SNCF strich zwei von drei TGV-Verbindungen und "
        "fast alle Regionalzüge im Großraum Paris. Die Gewerkschaften rufen für Samstag zu einer "
        "Demonstration in Paris auf.",
    ),
    (
        "voting-age",
        "de",
        "Bundestag senkt Wahlalter auf 16 Jahre\n"
        "Der Bundestag hat am Freitag mit den Stimmen der Koalition beschlossen, das Wahlalter "
        "für Bundestagswahlen von 18 auf 16 Jahre zu senken. Für die nötige Grundgesetzänderung "
        "fehlt allerdings noch die Zustimmung des Bundesrates. Die Opposition kritisierte das "
        "Vorhaben als parteitaktisch.",
    ),
    (
        "voting-age",
        "en",
        "German parliament votes to lower voting age to 16\n"
        "Germany's Bundestag on Friday voted to lower the voting age for federal elections from "
        "18 to 16, with the governing coalition in favour. The constitutional change still needs "
        "the approval of the Bundesrat, the upper chamber. The opposition called the plan a "
        "tactical move.",
    ),
    (
        "voting-age",
        "es",
        "El Parlamento alemán aprueba rebajar la edad de voto a los 16 años\n"
        "El Bundestag aprobó el viernes, con los votos de la coalición de gobierno, rebajar de "
        "18 a 16 años la edad para votar en las elecciones federales. La reforma constitucional "
        "necesita todavía el visto bueno del Bundesrat. La oposición la calificó de maniobra "
        "partidista.",
    ),
    # Look-alikes: same language and kind of event as a story above, another event.
    (
        "chile-quake",
        "es",
        "Sismo de magnitud 5,9 sacude el norte de Chile sin dejar víctimas\n"
        "Un temblor de magnitud 5,9 se registró el sábado por la noche cerca de Antofagasta, en "
        "el norte de Chile, informó el Centro Sismológico Nacional. No se reportaron heridos ni "
        "daños mayores, aunque varias minas de cobre suspendieron sus faenas por precaución.",
    ),
    (
        "oslofjord-cod",
        "nb",
        "Regjeringen stenger torskefisket i Oslofjorden\n"
        "Fiskeriministeren kunngjorde mandag at alt fiske etter torsk i Oslofjorden blir forbudt "
        "fra neste år fordi bestanden har kollapset. Fritidsfiskere og yrkesfiskere må legge inn "
        "redskapen, og det skal opprettes nye fredningsområder langs kysten.",
    ),
]
