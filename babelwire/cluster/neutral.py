# Letters that look Latin but are Cyrillic or Turkish are the point of this file.
# ruff: noqa: RUF001
"""One plain, story-free news paragraph per language, written for babelwire.

The same paragraph in every language: embedded, each is mostly "a news text
in language L", so it is a fair first guess of that language's mean vector
before the stream has shown enough articles of L to estimate its own.
`bench/language_priors.py` embeds them into `language_priors.npz`.
"""

from __future__ import annotations

NEUTRAL: dict[str, str] = {
    "en": "Officials said on Tuesday that the new rules will take effect next month. "
    "The government presented the plan after talks with local authorities, while critics "
    "asked for more time to discuss it. Police reported no incidents.",
    "de": "Die Behörden teilten am Dienstag mit, dass die neuen Regeln im nächsten Monat in "
    "Kraft treten. Die Regierung stellte den Plan nach Gesprächen mit den Kommunen vor, "
    "Kritiker forderten mehr Zeit für die Debatte. Die Polizei meldete keine Zwischenfälle.",
    "fr": "Les autorités ont indiqué mardi que les nouvelles règles entreront en vigueur le "
    "mois prochain. Le gouvernement a présenté le projet après des discussions avec les "
    "collectivités locales, tandis que les critiques réclament plus de temps pour en "
    "débattre. La police n'a signalé aucun incident.",
    "es": "Las autoridades informaron el martes de que las nuevas normas entrarán en vigor "
    "el próximo mes. El gobierno presentó el plan tras reunirse con las autoridades locales, "
    "mientras los críticos pidieron más tiempo para debatirlo. La policía no registró "
    "incidentes.",
    "it": "Le autorità hanno dichiarato martedì che le nuove regole entreranno in vigore il "
    "mese prossimo. Il governo ha presentato il piano dopo i colloqui con le amministrazioni "
    "locali, mentre i critici chiedono più tempo per discuterne. La polizia non ha "
    "segnalato incidenti.",
    "pt": "As autoridades afirmaram na terça-feira que as novas regras entram em vigor no "
    "próximo mês. O governo apresentou o plano depois de conversas com as autoridades "
    "locais, enquanto os críticos pediram mais tempo para o debate. A polícia não registou "
    "incidentes.",
    "nl": "De autoriteiten maakten dinsdag bekend dat de nieuwe regels volgende maand "
    "ingaan. De regering presenteerde het plan na overleg met de gemeenten, terwijl critici "
    "om meer tijd voor discussie vroegen. De politie meldde geen incidenten.",
    "nb": "Myndighetene opplyste tirsdag at de nye reglene trer i kraft neste måned. "
    "Regjeringen la fram planen etter samtaler med kommunene, mens kritikere ba om mer tid "
    "til debatt. Politiet meldte ingen hendelser.",
    "nn": "Styresmaktene opplyste tysdag at dei nye reglane trer i kraft neste månad. "
    "Regjeringa la fram planen etter samtalar med kommunane, medan kritikarar bad om meir "
    "tid til debatt. Politiet melde ingen hendingar.",
    "sv": "Myndigheterna meddelade på tisdagen att de nya reglerna träder i kraft nästa "
    "månad. Regeringen presenterade planen efter samtal med kommunerna, medan kritiker bad "
    "om mer tid för debatt. Polisen rapporterade inga incidenter.",
    "da": "Myndighederne oplyste tirsdag, at de nye regler træder i kraft næste måned. "
    "Regeringen fremlagde planen efter samtaler med kommunerne, mens kritikere bad om mere "
    "tid til debat. Politiet meldte ingen hændelser.",
    "pl": "Władze poinformowały we wtorek, że nowe przepisy wejdą w życie w przyszłym "
    "miesiącu. Rząd przedstawił plan po rozmowach z samorządami, a krytycy domagali się "
    "więcej czasu na dyskusję. Policja nie odnotowała incydentów.",
    "ru": "Власти сообщили во вторник, что новые правила вступят в силу в следующем месяце. "
    "Правительство представило план после переговоров с местными властями, а критики "
    "попросили больше времени для обсуждения. Полиция не сообщила о происшествиях.",
    "uk": "Влада повідомила у вівторок, що нові правила набудуть чинності наступного "
    "місяця. Уряд представив план після перемовин з місцевою владою, а критики попросили "
    "більше часу на обговорення. Поліція не повідомила про інциденти.",
    "tr": "Yetkililer salı günü yeni kuralların gelecek ay yürürlüğe gireceğini açıkladı. "
    "Hükümet planı yerel yönetimlerle yapılan görüşmelerin ardından sundu, eleştirmenler ise "
    "tartışma için daha fazla zaman istedi. Polis herhangi bir olay bildirmedi.",
    "ar": "أعلنت السلطات يوم الثلاثاء أن القواعد الجديدة ستدخل حيز التنفيذ الشهر المقبل. "
    "وقدمت الحكومة الخطة بعد محادثات مع السلطات المحلية، بينما طالب منتقدون بمزيد من الوقت "
    "لمناقشتها. ولم تسجل الشرطة أي حوادث.",
    "zh": "官员周二表示，新规定将于下个月生效。政府在与地方当局会谈后提出了该计划，"
    "批评者则要求给予更多时间进行讨论。警方表示没有发生任何事件。",
}
