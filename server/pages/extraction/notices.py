"""What the site says of itself between the paragraphs, told by the text alone.

Photo credits and source lines, the label over an advertisement, a blog's disclosure of
advertising, the site selling its own edition or app, the site's notices (its taxonomy,
disclaimers, licence, appeals, "click here", labels over other stories, comment counts,
footer links, its next issue) and a server's error printed into the page. Each is a shape
many sites share and an article's own sentences do not take; `blocks` applies them to
every block it reads, page.js mirrors them (extension/content/page.js), and a rule here
is the same rule there.
"""

from __future__ import annotations

import re
from itertools import pairwise

_SERVER_ERROR = re.compile(r"(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|"
                           r"Parse error)\s*: .{0,2000}? on line \d+", re.IGNORECASE)


#: A photo credit or a source line: "© Oli Scarff/Getty Images", "Quelle: kathpress",
#: "Foto: M. Rädel", "Fuente: EFE" ...
_CREDIT = re.compile(r"(?:©|\(c\)\s|(?:quelle|quellen|source|sources|foto|fotos|photo|photos|"
                     r"bild|bilder|bildquelle|beitragsbild|titelbild|symbolbild|credit|credits|"
                     r"image|fuente|crédito|créditos|źródło|zdjęcie|fonte)\s*:"
                     # ... and the labels that name the picture and its credit together:
                     # "Photocredits MYMARINI: …", "Crédit photo : …", "Bildcredit: …",
                     # "Fotos/Illustration: …" (a word or two may stand before the colon).
                     r"|(?:(?:photo|foto|bild|image)\s?(?:credits?|nachweis|rechte)|"
                     r"cr(?:é|e)dits?\s+(?:photos?|fotos?|images?)|"
                     r"(?:fotos?|photos?|bilder?)\s*/\s*[\w-]+)(?:\s+[^\s:]+){0,2}\s*:)",
                     re.IGNORECASE)
#: ... as long as a name or two: longer, "Quelle:" opens a sentence of the article.
CREDIT_WORDS = 15


def is_credit(text: str) -> bool:
    """A photo credit or a source line: who made the picture or where the story came
    from, printed under it; not the article's text, and printed once per picture."""
    return len(text.split()) <= CREDIT_WORDS and bool(_CREDIT.match(text))


#: The label over an advertisement ("Anzeige", "Advertisement", "Publicidad"): the ad's own
#: text is a script's, but its label is printed in the page, between the paragraphs.
_AD_LABEL = re.compile(r"\W*(?:anzeigen?|werbung|advertisement|advertising|advert|ad|publicidad|"
                       r"publicité|publicite|pubblicità|reklama|sponsored|gesponsert)\W*",
                       re.IGNORECASE)


#: Headings that may be only such a word and still the article's own: "Werbung" as a
#: section of a piece on a company's marketing.
_OWN_HEADINGS = ("h1", "h2", "h3")


def is_ad_label(text: str, kind: str) -> bool:
    """Whether the line (a block of this kind or tag) is only the label of an
    advertisement."""
    return kind not in _OWN_HEADINGS and bool(_AD_LABEL.fullmatch(text))


#: A blog's disclosure of advertising over or under its post: "*Werbung. Dieser Beitrag
#: enthält Werbung für …", "[Anzeige] …", "Dieser Artikel enthält Affiliate-Links …",
#: "This post contains affiliate links …": the site's notice, not the article, ...
_DISCLOSURE = re.compile(
    r"\W*(?:(?:\[\s*)?(?:werbung|anzeige|advertisement|advertorial|sponsored|gesponsert)"
    r"\s*[.:|/\])–-]|(?:dieser|der|unser|mein)\s+(?:artikel|beitrag|post|blogpost|text)\s+"
    r"(?:enthält|beinhaltet)|this\s+(?:post|article|page|review)\s+(?:contains|may contain|"
    r"includes))",
    re.IGNORECASE)
#: ... when what follows the opening names what it discloses ("Werbung: 2 Mio. Euro" in a
#: budget's list is the article's), ...
_DISCLOSED = re.compile(r"werb|anzeige|affiliate|sponsor|gesponsert|markennennung|kooperation|"
                        r"pr-sample|provision|advertis|paid|bezahlt", re.IGNORECASE)
#: ... and it is this short.
DISCLOSURE_WORDS = 40


def is_disclosure(text: str) -> bool:
    """Whether the block is a notice that the post holds advertising or affiliate links."""
    found = _DISCLOSURE.match(text)
    return (found is not None and len(text.split()) <= DISCLOSURE_WORDS
            and bool(_DISCLOSED.search(text, found.end())))


#: The site selling itself between the paragraphs: "Subscribe now to our eNATION edition
#: for the full story.", "Schauen Sie mal in unseren Musiknewsletter!": a call to act on
#: the site's *own* newsletter, edition or app ("our", "unser", "nuestra", "notre",
#: "onze"; the calls below are en, de, es, fr and nl: an article about an app that "is
#: available now" is news; "Musiknewsletter" is a compound, and so are "Probeabo",
#: "Digitalabo" and "Eltern-App": "App"/"Abo" alone or after a hyphen up to two words on
#: ("unsere kostenlose Nachrichten App"), a compound ending in it only right after the
#: possessive, with three letters before its end at least: "Unsere Vorräte werden knapp",
#: "unser Ziel knapp verfehlt", "unser knapp …" are no app) ...
_OWN_PRODUCT = re.compile(r"\b(?:our|unser\w*|nuestr[ao]s?|notre|nos|"
                          r"onze)\s+(?:(?:[\w-]+\s+){0,2}?"
                          r"[\w-]*(?:newsletter|edition|ausgabe|e-?paper|podcast|edición|"
                          r"boletín|boletim|nieuwsbrief)|(?:[\w-]+\s+){0,2}?(?:[\w-]*-)?(?:abo|app|apps)|"
                          r"\w{3,}(?:abo|app|apps))\b",
                          re.IGNORECASE)
_CALL = re.compile(r"\b(?:subscribe|sign up|download|abonnieren|abonnieren sie|registrieren|"
                   r"bestellen|schauen sie|hazte|suscríbete|descarga|abonnez|click|klicken)\b",
                   re.IGNORECASE)
#: ... in a line this short; ...
PROMO_WORDS = 30
#: ... or a call that opens its sentence, the site's own way of asking (an imperative, or
#: "For the latest stories download …", "If you're on the app, click here …"): the same
#: words inside a sentence are news ("… applied to become a member of the European
#: Union", "passengers can download the app for iOS", "The emails urge readers to click
#: here"). An opening quotation mark or a dialogue dash is someone else's voice, not the site's
#: ("„Unterstützen Sie uns“, appellierte die Tafel", "— Apóyanos, dijo la directora"): no call
#: opens after one. The calls are:
_NOT_WORD_NOR_QUOTE = r"[^\w\"“”„‚«»‹›'‘’—–]"
#: What may lead a line's first word (`_LINE_LEAD`, for calls and notices alike): a bullet, or a
#: » or › with a space after it, a link's arrow, not a quotation mark ("» Jetzt
#: Mitglied werden", "› Support us"; »Unterstützen Sie uns« touches its word and is a quote):
_LINE_LEAD = r"(?:" + _NOT_WORD_NOR_QUOTE + r"|[»›](?=\s))*"
#: A link's arrow opens the block's line, and no closing mark follows it: after a sentence's
#: end, or in a block that closes a « or ‹, a spaced » or › is a quotation mark ("» Unterstützen
#: Sie uns «, appellierte die Tafel", "Le maire a conclu : « Nous fermons. » Soutenez-nous, ont
#: répondu les habitants").
_SENTENCE_START = (r"(?:^(?![^«‹]*[«‹])" + _LINE_LEAD + r"|[.!?:]\s*"
                   + _NOT_WORD_NOR_QUOTE + r"*)")
#: A lead-in before the call: a purpose ("For the latest stories …"), or a condition that
#: ends at its comma, the call being the main clause ("If you're on the app, click here";
#: "If a message asks you to click here, delete it" is a warning, its call inside the
#: condition). "In case of …" is not one: "In case of flooding, download the city's warning
#: app" is advice a story reports.
_LEAD_IN = (r"(?:(?:for|für|para|pour|per)\b[^.!?]{0,60}?[\s,]\s*"
            r"|(?:if|wenn|falls|si|se)\b[^.!?,]{0,60},\s*)?")
#: - an appeal to pay for or join the site: "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS
#:   EXCLUSIVOS", "Become a member", "Sichere diesen Journalismus!", "Support independent
#:   journalism", "Support us" (as en, de, es, fr, it, pt, pl and nl sites write it);
_APPEAL = re.compile(
    _SENTENCE_START + r"(?:please\s+|bitte\s+|jetzt\s+|por\s+favor,?\s+)?(?:"
    r"hazte\s+(?:miembro|socio|socia|suscriptor)|become\s+a\s+(?:member|supporter|patron)|"
    r"werden\s+sie\s+(?:jetzt\s+)?(?:mitglied|unterst(?:ü|ue)tzer)|jetzt\s+mitglied\s+werden|"
    r"devenez\s+(?:membre|abonn(?:é|e))|"
    r"(?:support|unterst(?:ü|ue)tzen\s+sie|unterst(?:ü|ue)tze|sichere|sichern\s+sie|apoya|"
    r"apoye|soutenez)\s+(?:our|unseren|diesen|den|unabh(?:ä|ae)ngigen|independent|quality|"
    r"nuestro|el|notre|le)\s+(?:\w+\s+)?(?:journalism|journalismus|periodismo|journalisme)|"
    r"(?:support\s+us|unterst(?:ü|ue)tze(?:n\s+sie)?\s+uns|ap(?:ó|o)y(?:a|e)nos|soutenez-nous|"
    r"sostienici|apoie-nos|wesprzyj\s+nas|steun\s+ons)\b)",
    re.IGNORECASE)
APPEAL_WORDS = 60
#: - the site's app offered for a phone: "For the latest stories download the Nationnews
#:   apps for iOS and Android" (a call to download, the app, and a store or a platform);
_APP_OFFER = re.compile(
    _SENTENCE_START + _LEAD_IN
    + r"(?:download|get|install|lade|laden\s+sie|hol\s+dir|holen\s+sie\s+sich|descarga|"
    r"descargue|baja|t(?:é|e)l(?:é|e)charge[rz]?)\b.{0,60}?\bapps?\b.{0,40}?\b(?:ios|android|"
    r"app\s+store|google\s+play|play\s+store)\b", re.IGNORECASE)
#: - a link asking to be clicked: "Einfach hier klicken und … registrieren!", "If you're on
#:   the app, click here to watch live";
_CLICK_HERE = re.compile(
    _SENTENCE_START + _LEAD_IN
    + r"(?:einfach\s+|bitte\s+|jetzt\s+|please\s+|just\s+|simply\s+)?(?:hier\s+klicken|"
    r"klicken\s+sie\s+hier|klick\s+hier|click\s+here|haga\s+clic\s+aqu(?:í|i)|"
    r"haz\s+clic\s+aqu(?:í|i)|cliquez\s+ici|clicca\s+qui|kliknij\s+tutaj|clique\s+aqui|"
    r"klik\s+hier)", re.IGNORECASE)
CLICK_WORDS = 25
#: - a call to subscribe to a newsletter: "Abonnieren Sie den Newsletter", "Sign up for
#:   the free daily newsletter", "Iscriviti alla newsletter", "Schrijf je in voor de
#:   nieuwsbrief" (the call, then the newsletter within a few words);
_NEWSLETTER_CALL = re.compile(
    _SENTENCE_START + r"(?:jetzt\s+|now\s+|bitte\s+|please\s+)?(?:subscribe|sign\s+up|"
    r"abonniere|abonnieren\s+sie|melde\s+dich|melden\s+sie\s+sich|registriere\s+dich|"
    r"suscr(?:í|i)b(?:e|a)te|suscr(?:í|i)base|reg(?:í|i)strate|abonnez-vous|inscrivez-vous|"
    r"iscriviti|iscrivetevi|assine|inscreva-se|cadastre-se|zapisz\s+si(?:ę|e)|zasubskrybuj|"
    r"subskrybuj|schrijf\s+je\s+in|meld\s+je\s+aan|abonneer)\b.{0,60}?(?:newsletter\w*|"
    r"nieuwsbrief|bolet(?:í|i)n|boletim|lettre\s+d'information)", re.IGNORECASE)
#: - the site's next issue on sale: "Die aktuelle Ausgabe der L-MAG jetzt an jedem
#:   Bahnhofskiosk, im Abo, als e-Paper … erhältlich", "The latest issue is available …".
_ISSUE = re.compile(r"\b(?:aktuelle|neue|neueste|current|latest|new|(?:ú|u)ltima|nueva)\s+"
                    r"(?:ausgabe|issue|heft|edici(?:ó|o)n|n(?:ú|u)mero)\b", re.IGNORECASE)
#:   Two different words of sale, one of them a periodical's (a kiosk, a subscription, an
#:   e-paper): "the current issue is that no vaccine is available" has one word, and "Die
#:   neue Ausgabe des Duden ist ab Mittwoch im Handel erhältlich" (a book's new edition, in
#:   the news) is sold in shops.
_ON_SALE = re.compile(r"erh(?:ä|ae)ltlich|available|kiosk|newsstands?|im\s+handel|im\s+abo|"
                      r"e-?paper|abonnement|disponible|quiosco", re.IGNORECASE)
_PERIODICAL = re.compile(r"kiosk|newsstand|im\s+abo|e-?paper|abonnement|quiosco", re.IGNORECASE)
NOTICE_WORDS = 30


def is_own_promotion(text: str) -> bool:
    """Whether the block is the site promoting itself: asking the reader to subscribe to
    or download its own edition, newsletter or app, to join or pay, to click, or selling
    its next issue. One policy for all: the site's product named as its own ("our
    newsletter") with a call anywhere, or a call that opens its sentence."""
    words = len(text.split())
    if words <= PROMO_WORDS and _OWN_PRODUCT.search(text) and _CALL.search(text):
        return True
    if words <= APPEAL_WORDS and _APPEAL.search(text):
        return True
    if words <= CLICK_WORDS and _CLICK_HERE.search(text):
        return True
    if words > NOTICE_WORDS:
        return False
    sale = {found.lower() for found in _ON_SALE.findall(text)}
    return bool(_APP_OFFER.search(text) or _NEWSLETTER_CALL.search(text)
                or (_ISSUE.search(text) and len(sale) >= 2 and _PERIODICAL.search(text)))


#: The site speaking of itself between or under the paragraphs, in shapes that many sites
#: share and an article's own sentences do not take (each pattern is looked for only in a
#: block of at most `NOTICE_WORDS` words, or its own smaller limit):
#: - a post's taxonomy line: "Kategorie: Rezepte", "Abgelegt unter: … | Tags: …",
#:   "News date : 04/21/2022 Category : Press Releases" (the label opens the line, or
#:   follows a separator or a date);
_TAXONOMY = re.compile(
    r"(?:^|[|•·/]\s*|\d\s+)(?:categor(?:y|ies)|kategorien?|rubriken?|categorías?|categorias?|"
    r"catégories?|categorie|tags|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|"
    r"filed under|abgelegt unter|posted in|veröffentlicht in|etiquetas|archiviert unter)"
    r"\s*:", re.IGNORECASE)
#: - a disclaimer line: "(Alle Angaben ohne Gewähr)", "Änderungen und Irrtümer vorbehalten";
#:   the German formulas as the whole line, elsewhere information said to come "without
#:   guarantee" (a loan granted "without guarantee" is news, and a lotto story's numbers
#:   end "(Angaben ohne Gewähr)" inside their own line);
_DISCLAIMER = re.compile(
    r"^\W*(?:(?:alle|s(?:ä|ae)mtliche)\s+)?angaben\s+ohne\s+gew(?:ä|ae)hr\W*$|"
    r"^\W*(?:(?:(?:ä|ae)nderungen|druckfehler)\s+und\s+)?irrt(?:ü|ue)mer\s+vorbehalten\W*$|"
    r"(?:information|details|data|datos|informaci(?:ó|o)n|informations?|informazioni)\s+"
    r"(?:\w+\s+)?(?:without\s+guarantee|sin\s+garant(?:í|i)a|sans\s+garantie|"
    r"senza\s+garanzia)", re.IGNORECASE)
DISCLAIMER_WORDS = 12
#: - the site's licence or copyright notice: "Sofern nicht anders ausgewiesen, stehen
#:   Inhalte dieser Website unter CC-BY", "This work is licensed under a Creative Commons
#:   …", "© 2021 Example Media. All rights reserved.";
_SITE_CONTENT = re.compile(
    r"(?:inhalte?|texte?|beitr(?:ä|ae)ge|content|contents|material|contenidos?|contenus?)\s+"
    r"(?:dieser|dieses|auf dieser|of this|on this|de este|de esta|de ce|du)\s+"
    r"(?:website|webseite|internetseite|seite|site|sitio|blogs?|page|p(?:á|a)gina)",
    re.IGNORECASE)
#: (Whole words: "Menschenrechte" and "endroits" are no licence.)
_LICENCE = re.compile(r"\b(?:lizen[sz]\w*|licen[sc]\w*|cc[- ]by|creative\s+commons|"
                      r"urheberrecht\w*|copyright|rechte|rights|derechos|droits)\b",
                      re.IGNORECASE)
_LICENSED_WORK = re.compile(r"\W*this\s+(?:work|blog|site|website|article|post|page)\s+is\s+"
                            r"licen[sc]ed\s+under", re.IGNORECASE)
_RESERVED = re.compile(r"^\W*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d\b|all\s+rights\s+"
                       r"reserved|alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+"
                       r"reservados|tous\s+droits\s+r(?:é|e)serv(?:é|e)s|tutti\s+i\s+diritti\s+"
                       r"riservati|wszelkie\s+prawa\s+zastrze(?:ż|z)one|materia(?:ł|l)\s+chroniony\s+"
                       r"prawem", re.IGNORECASE)
COPYRIGHT_WORDS = 20
#: - the label over a list of other stories, alone on its line: "Mehr zum Thema
#:   Gesundheit:", "Lesen Sie auch", "You may also like:", "Artículos relacionados",
#:   "Leggi anche", "Leia também", "Zobacz też", "Lees ook" (its links were dropped), as
#:   sites in English, German, French, Spanish, Italian, Portuguese, Polish and Dutch
#:   label them, with the topic after it at most;
_RELATED_LABEL = re.compile(
    r"\W*(?:mehr\s+zum\s+thema|lesen\s+sie\s+(?:auch|mehr)|auch\s+interessant|das\s+k(?:ö|oe)nnte\s+"
    r"(?:sie|dich)\s+auch\s+interessieren|weitere\s+artikel|(?:verwandte|(?:ä|ae)hnliche)\s+artikel|"
    r"(?:weitere|verwandte|(?:ä|ae)hnliche|passende)\s+(?:beitr(?:ä|ae)ge|nachrichten|themen|"
    r"meldungen)|passend\s+zum\s+thema|"
    r"you\s+(?:may|might)\s+also\s+like|related\s+(?:articles|posts|stories|content|news|"
    r"reading|coverage)|read\s+(?:more|also|next)|more\s+(?:stories|news)|also\s+read|"
    r"further\s+reading|recommended\s+(?:for\s+you|articles|stories|reading)|"
    r"m(?:á|a)s\s+noticias|te\s+puede\s+interesar|(?:tambi(?:é|e)n\s+)?le\s+puede\s+interesar|"
    r"lee\s+tambi(?:é|e)n|lea\s+tambi(?:é|e)n|(?:art(?:í|i)culos|noticias|notas|contenidos?|"
    r"publicaciones|entradas)\s+relacionad[oa]s|"
    r"(?:à|a)\s+lire\s+aussi|lire\s+aussi|(?:à|a)\s+voir\s+aussi|sur\s+le\s+m(?:ê|e)me\s+sujet|"
    r"articles?\s+(?:similaires|li(?:é|e)s|connexes|associ(?:é|e)s)|vous\s+aimerez\s+aussi|"
    r"leggi\s+anche|(?:ti\s+)?potrebbe\s+(?:anche\s+)?interessarti|(?:articoli|notizie|post)\s+"
    r"correlat[ie]|"
    r"leia\s+tamb(?:é|e)m|veja\s+tamb(?:é|e)m|(?:artigos|not(?:í|i)cias|posts|mat(?:é|e)rias)\s+"
    r"relacionad[oa]s|voc(?:ê|e)\s+(?:tamb(?:é|e)m\s+)?pode\s+gostar|"
    r"czytaj\s+(?:też|także|r(?:ó|o)wnie(?:ż|z))|(?:zobacz|przeczytaj)\s+(?:te(?:ż|z)|"
    r"tak(?:ż|z)e|r(?:ó|o)wnie(?:ż|z))|(?:powi(?:ą|a)zane|podobne)\s+(?:artyku(?:ł|l)y|"
    r"tre(?:ś|s)ci|wpisy)|"
    r"lees\s+ook|bekijk\s+ook|ook\s+interessant|gerelateerde\s+(?:artikelen|berichten|verhalen)|"
    r"meer\s+nieuws)"
    r"\b[^.!?,;]*", re.IGNORECASE)
#: The comment section's own label ("Comments", "Leave a Reply", "Kommentare
#: geschlossen" …), in `_LABEL_ALONE` and `_COMMENT_LABEL`.
_COMMENT_LABEL_SOURCE = (
    r"comments?|leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|kommentare?|"
    r"(?:schreibe|hinterlasse)\s+einen\s+kommentar|kommentar\s+(?:schreiben|verfassen|"
    r"hinterlassen)|comentarios?|deja\s+(?:un\s+comentario|una\s+respuesta)|commentaires?|"
    r"laisse[rz]\s+un\s+commentaire|commenti|lascia\s+un\s+commento|coment(?:á|a)rios?|"
    r"deixe\s+(?:um\s+coment(?:á|a)rio|uma\s+resposta)|komentarze?|dodaj\s+komentarz|"
    r"zostaw\s+komentarz|reacties?|laat\s+een\s+reactie\s+achter|"
    # ... and the notice that it is closed, where it would have been
    r"comments?\s+(?:are\s+)?closed|kommentare\s+(?:sind\s+)?geschlossen|comentarios\s+"
    r"(?:est(?:á|a)n\s+)?cerrados|(?:les\s+)?commentaires\s+(?:sont\s+)?ferm(?:é|e)s|"
    r"(?:i\s+)?commenti\s+(?:sono\s+)?chiusi|coment(?:á|a)rios\s+(?:est(?:ã|a)o\s+)?"
    r"(?:encerrados|fechados)|komentarze\s+(?:s(?:ą|a)\s+)?(?:wy(?:łą|la)czone|zamkni(?:ę|e)te)|"
    r"reacties\s+(?:zijn\s+)?gesloten")
#: A blog's links to the next or the previous post, in `_LABEL_ALONE`.
_POST_NAVIGATION_SOURCE = (
    r"(?:next|previous|prev|older|newer)\s+(?:article|post|story|entry|posts|entries)|"
    r"vorschau\s+auf\s+den\s+n(?:ä|ae)chsten\s+(?:artikel|beitrag)|(?:n(?:ä|ae)chster|vorheriger|"
    r"voriger)\s+(?:artikel|beitrag)|(?:(?:ä|ae)ltere|neuere)\s+(?:beitr(?:ä|ae)ge|artikel|"
    r"eintr(?:ä|ae)ge)|article\s+(?:suivant|pr(?:é|e)c(?:é|e)dent)|art(?:í|i)culo\s+(?:siguiente|"
    r"anterior)|(?:entrada|publicaci(?:ó|o)n)\s+(?:siguiente|anterior)|articolo\s+(?:successivo|"
    r"precedente)|(?:pr(?:ó|o)ximo|anterior)\s+artigo|artigo\s+(?:seguinte|anterior)|"
    r"(?:nast(?:ę|e)pny|poprzedni)\s+(?:artyku(?:ł|l)|wpis)|(?:volgend|vorig)e?\s+(?:artikel|"
    r"bericht)")
#: - a widget's label that is the whole line, in the same eight languages: "Read more",
#:   "Weiterlesen", "Share this:", "Teilen mit:", "Compartir", "Partager sur", "Like
#:   this:", "Rate this:", "Bewerten:" (WordPress's share, like and rating boxes), "Related",
#:   "See also", and the comment section's heading ("Comments", "Leave a Reply",
#:   "Schreibe einen Kommentar", "Deja un comentario", "Laisser un commentaire" …);
_LABEL_ALONE = re.compile(
    r"\W*(?:related|see\s+also|siehe\s+auch|"
    r"read\s+more|continue\s+reading|weiterlesen|mehr\s+lesen|leer\s+m(?:á|a)s|"
    r"seguir\s+leyendo|lire\s+la\s+suite|leggi\s+(?:di\s+pi(?:ù|u)|tutto)|"
    r"continua\s+a\s+leggere|leia\s+mais|continue\s+lendo|czytaj\s+wi(?:ę|e)cej|"
    r"lees\s+(?:meer|verder)|learn\s+more|find\s+out\s+more|mehr\s+erfahren|"
    r"en\s+savoir\s+plus|m(?:á|a)s\s+informaci(?:ó|o)n|saber\s+m(?:á|a)s|scopri\s+di\s+pi(?:ù|u)|"
    r"saiba\s+mais|dowiedz\s+si(?:ę|e)\s+wi(?:ę|e)cej|meer\s+informatie|load\s+more|"
    r"lade\s+weitere\s+(?:inhalte|artikel|beitr(?:ä|ae)ge)|mehr\s+laden|cargar\s+m(?:á|a)s|"
    r"charger\s+plus|carica\s+altri|carregar\s+mais|za(?:ł|l)aduj\s+wi(?:ę|e)cej|meer\s+laden|"
    r"topics|themen|temas|sujets|argomenti|t(?:ó|o)picos|tematy|onderwerpen|"
    r"share(?:\s+(?:this|this\s+(?:article|story|post|page)|on))?|"
    r"(?:diesen\s+)?(?:artikel\s+|beitrag\s+)?teilen(?:\s+(?:mit|auf))?|"
    r"compart(?:ir|e|a)(?:\s+(?:en|esta\s+noticia|este\s+art(?:í|i)culo))?|"
    r"partage[rz]?(?:\s+(?:sur|cet\s+article))?|condividi(?:\s+(?:su|questo\s+articolo))?|"
    r"compartilh(?:e|ar)(?:\s+(?:isso|esta\s+not(?:í|i)cia))?|udost(?:ę|e)pnij|"
    r"deel(?:\s+dit\s+artikel)?|delen|"
    r"(?:like\s+this|gef(?:ä|ae)llt\s+mir|me\s+gusta|j'aime|mi\s+piace|curtir\s+isso|"
    r"lubi(?:ę|e)\s+to|vind\s+ik\s+leuk|rate\s+this|bewerten|valora\s+esto|"
    r"(?:é|e)valuez\s+ceci|vota\s+questo|avalie\s+isto|oce(?:ń|n)\s+to|waardeer\s+dit)\s*:|"
    + _COMMENT_LABEL_SOURCE + r"|"
    # ... and a blog's links to the next or the previous post ("Next article", "Vorschau
    # auf den nächsten Artikel", "Ältere Beiträge", "Article suivant", "Artículo anterior"),
    # the whole line only ("Older post offices to close" is a headline)
    + _POST_NAVIGATION_SOURCE + r")\W*", re.IGNORECASE)
RELATED_LABEL_WORDS = 6
#: - a count of comments: "chat_bubble 0 Kommentare", "12 comments", "5 commenti",
#:   "3 comentários", "12 reacties";
_COMMENT_COUNT = re.compile(r"\W*(?:[\w-]+\s+)?\d+\s+(?:kommentare?|comments?|comentarios?|"
                            r"commentaires?|komentarz(?:y|e)?|commenti|commento|coment(?:á|a)rios?|"
                            r"reacties?)\W*", re.IGNORECASE)
#: - the heading over a comment thread, as blog systems print it: "3 thoughts on “Title”",
#:   "One response to “…”", "2 Antworten zu „…“", "5 réponses à « … »", "12 comentarios en
#:   «…»" (a count, what it counts, its preposition and the post's title in quotation
#:   marks: "One response to the floods was a new dike" and "Einen Kommentar zu den
#:   Vorwürfen lehnte das Ministerium ab" are news), or over one numbered comment that
#:   names only its author, "#1 Kommentar von Naru-chan", "2. Comment by Anna Maria Lind";
_COMMENT_THREAD = re.compile(
    r"\W*(?:\d+|one|eine?n?|un[ae]?|uno|uma?|jed(?:en|na))\s+(?:thoughts?\s+on|responses?\s+to|"
    r"repl(?:y|ies)\s+to|comments?\s+(?:on|to)|antworten?\s+(?:zu|auf)|gedanken?\s+zu|"
    r"kommentare?\s+zu|r(?:é|e)ponses?\s+(?:à|a)|commentaires?\s+sur|respuestas?\s+a|"
    r"comentarios?\s+(?:en|a|sobre)|commenti\s+su|risposte\s+a|coment(?:á|a)rios?\s+"
    r"(?:em|sobre)|respostas?\s+(?:para|a)|komentarz(?:y|e)?\s+do|reacties?\s+op)\s+"
    r"[\"“„«‹‘'].*"
    r"|\W*#?\d+\.?\s+(?:kommentar|comment|comentario|commentaire|commento|coment(?:á|a)rio|"
    r"komentarz|reactie)\s+(?:von|by|de|di|od|van)\s+\S+(?:\s+\S+){0,3}", re.IGNORECASE)
COMMENT_HEADING_WORDS = 20
#: The comment section's own label, the comment part of `_LABEL_ALONE`.
_COMMENT_LABEL = re.compile(r"\W*(?:" + _COMMENT_LABEL_SOURCE + r")\W*", re.IGNORECASE)
#: - the site's footer links run into one line: "… Impressum Datenschutzerklärung
#:   Cookie-Erklärung" (two of these words or more);
_FOOTER_WORDS = re.compile(r"\b(?:impressum|datenschutz(?:erkl(?:ä|ae)rung|hinweise)?|"
                           r"cookie-(?:erkl(?:ä|ae)rung|einstellungen|richtlinie)|agb|imprint|"
                           r"privacy\s+policy|terms\s+of\s+(?:use|service)|cookie\s+policy|"
                           r"aviso\s+legal|pol(?:í|i)tica\s+de\s+privacidad|"
                           r"mentions\s+l(?:é|e)gales|sitemap)\b", re.IGNORECASE)
#: - a notice about the reader's browser, printed for those whose scripts are off or whose
#:   browser is old: "JavaScript ist deaktiviert. …", "Please enable JavaScript",
#:   "Your browser does not support the video tag", "Ihr Browser unterstützt das
#:   Video-Element nicht." (the eight languages again): a negation or a request in every
#:   branch, and the notice ends its sentence there ("JavaScript is disabled by default in
#:   Tor Browser", "Su navegador no admite extensiones, explicó la empresa" are news), in a
#:   line this long at most. A request is the notice's only when nothing but "in your
#:   browser" or its purpose ("to view the comments", "um … zu nutzen") follows it:
#:   "Enable JavaScript only on sites you trust, the project advised" is advice a story
#:   reports.
#:   "In your browser" in each language's own preposition ("dans votre navigateur", "nel
#:   tuo browser", "w swojej przeglądarce"), its settings too; the purpose may also be "and
#:   cookies" (Cloudflare's "Enable JavaScript and cookies to continue") or "or use" another
#:   browser.
_IN_YOUR_BROWSER = (r"(?:in\s+(?:your|ihrem|ihren|deinem|deinen|uw|je)|dans\s+votre|en\s+(?:tu|su)|"
                    r"nel\s+tuo|no\s+seu|w\s+swojej)\s+(?:web\s*)?(?:browser|navigateur|navegador|"
                    r"przegl\w*)(?:[\s-]*(?:settings|einstellungen))?")
_REQUEST_END = (r"(?:\s+" + _IN_YOUR_BROWSER + r")?"
                r"(?:\s*,?\s*(?:to|um|pour|afin\s+de|para|per|om|aby|"
                r"and\s+(?:reload|refresh|cookies)|or\s+(?:use|switch\s+to))\b"
                r"[^.!?,;]*)?\s*(?:[.!]|$)")
_BROWSER_NOTICE = re.compile(
    r"\W*(?:javascript\s+(?:is|ist|est|est(?:á|a)|(?:è|e)|jest)\s+(?:disabled|deaktiviert|"
    r"turned\s+off|ausgeschaltet|d(?:é|e)sactiv(?:é|e)|desactivado|deshabilitado|"
    r"disabilitato|desativado|wy(?:łą|la)czony|uitgeschakeld)"
    r"(?:\s+" + _IN_YOUR_BROWSER + r")?\s*(?:[.!]|$)|"
    r"(?:(?:please\s+)?enable\s+javascript|you\s+need\s+to\s+enable\s+javascript|"
    r"(?:bitte\s+)?aktivieren\s+sie\s+(?:bitte\s+)?javascript|veuillez\s+activer\s+(?:le\s+)?"
    r"javascript|activa\s+javascript|habilita\s+javascript|abilita\s+javascript|"
    r"ative\s+o\s+javascript|w(?:łą|la)cz\s+javascript|"
    r"schakel\s+javascript\s+in\s+(?:uw|je)\s+browser\s+in|schakel\s+javascript\s+in)"
    + _REQUEST_END + r"|"
    # (German and Dutch put the negation at the end: "… unterstützt das Video-Element nicht.",
    # up to three words before it only when "nicht"/"niet" ends the block: "Ihr Browser
    # unterstützt ab Juni keine Manifest-V2-Erweiterungen mehr" is tech news. A "?" ends no
    # notice: "Ihr Browser unterstützt noch kein HTTP/3? Das ändert sich …" is a story's.)
    r"(?:your|ihr|dein|votre|tu|su|il\s+tuo|seu|twoja|uw)\s+(?:web\s*)?(?:browser|navigateur|"
    r"navegador|przegl(?:ą|a)darka)\s+(?:does\s+not|doesn't|"
    r"unterst(?:ü|ue)tzt\s+(?:(?:\w+\s+)?(?:kein|nicht)|(?:[\w-]+\s+){1,3}nicht(?=\s*[.!]?$))|"
    r"ne\s+(?:supporte|prend)|no\s+(?:soporta|admite|es\s+compatible)|non\s+supporta|"
    r"n(?:ã|a)o\s+suporta|nie\s+obs(?:ł|l)uguje|"
    r"ondersteunt\s+(?:(?:\w+\s+)?(?:geen|niet)|(?:[\w-]+\s+){1,3}niet(?=\s*[.!]?$)))"
    r"[^.!?,;]*(?:[.!]|$))", re.IGNORECASE)
BROWSER_NOTICE_WORDS = 25
#: - a player's data notice, the site telling the reader that playing an embedded video or
#:   post sends data to its platform: "Hinweis: Wenn Sie dieses Video hier abspielen,
#:   erfolgt eine Datenübertragung an YouTube bzw. Google.", "Beim Abspielen des Videos
#:   werden Daten an YouTube übermittelt", "By playing this video, you accept YouTube's
#:   terms", "En lisant cette vidéo, vous acceptez les conditions d'utilisation de YouTube".
#:   Public bodies print one under every video, so a page with two videos read it as a
#:   repeated paragraph. The formula opens the block, after a label of three words at most
#:   ("Video überspringen Hinweis:", "Skip video Note:"), speaks to the reader about *this*
#:   player ("dieses Video", "this video", "cette vidéo": "the video" is a story's), and
#:   names the platform as the party data go to ("an YouTube", "to Google") or whose terms
#:   apply ("Datenschutzerklärung von YouTube", "YouTube's terms"); every sentence of the
#:   block is about data or consent, and it is short. A story about data and a video says
#:   otherwise ("If you play the video in Chrome, data about what you watched is sent to
#:   Google", "Beim Laden des Videos durch die Ermittler wurden Daten von YouTube
#:   gesichert", a notice followed by the story's next sentence).
_EMBED_PLATFORM = (r"(?:youtube|google|vimeo|facebook|meta|instagram|twitter|x\.com|tiktok|"
                   r"spotify|soundcloud|podigee|datawrapper|drittanbieter\w*|"
                   r"third[- ]part(?:y|ies)|tiers|terceros|terzi|derden)")
_THIS_PLAYER = (r"(?:dieses|diesen|diese|this|cette|ce|este|esta|questo|questa|deze|dit)\s+"
                r"(?:\w+[- ])?(?:video|videos|player|inhalt|inhalte|beitrag|podcast|audio|"
                r"content|embed|post|tweet|vid(?:é|e)o|contenu|v(?:í|i)deo|contenido|contenuto|"
                r"inhoud)\b")
_TERMS = (r"(?:\w*datenschutz\w*|\w*bedingungen|privacy\w*|terms|conditions|politique|"
          r"pol(?:í|i)tica|privacidad|informativa|privacybeleid|voorwaarden)")
_EMBED_NOTICE = re.compile(
    r"\W*(?:[\w-]+\W+){0,3}?(?:"
    r"(?:wenn|sobald|indem)\s+sie\s+" + _THIS_PLAYER + r"[^.!?]{0,40}?\b(?:abspielen|starten|"
    r"laden|aktivieren|ansehen|anklicken|anschauen)"
    r"|(?:beim|mit\s+dem|durch\s+das)\s+(?:abspielen|laden|starten|aktivieren|klick\s+auf)\s+"
    r"(?:des|dieses|der|dieser)\s+(?:\w+[- ])?(?:videos?|players?|inhalts?|beitrags?|podcasts?)"
    r"(?=[^.!?]{0,80}\b(?:übertr|übermitt|uebertr|uebermitt|akzeptier|stimmen\s+sie)"
    r"|[^.!?]{0,80}\bsie\b)"
    r"|(?:by|when|if|once)\s+you\s+(?:play|load|click|activate|watch)\w*\s+(?:on\s+)?"
    + _THIS_PLAYER +
    r"|(?:by|when)\s+(?:playing|loading|clicking|activating|watching)\s+(?:on\s+)?"
    + _THIS_PLAYER +
    r"|en\s+(?:lisant|activant|cliquant\s+sur|chargeant)\s+" + _THIS_PLAYER +
    r"|al\s+(?:reproducir|cargar|activar|hacer\s+clic\s+en)\s+" + _THIS_PLAYER +
    r"|(?:riproducendo|caricando|attivando|cliccando\s+su)\s+" + _THIS_PLAYER +
    r"|(?:door|als\s+je|als\s+u)\s+" + _THIS_PLAYER + r"[^.!?]{0,30}?\b(?:af\s+te\s+spelen|"
    r"afspeelt|laadt|te\s+laden)"
    r")[^.!?]{0,160}?\b(?:(?:an|to|zu|à|a|aan|naar)\s+(?:\w+\s+)?" + _EMBED_PLATFORM + r"\b|"
    + _TERMS + r"[^.!?]{0,40}?\b(?:von|of|de|du|des|di|del|della|van)\s+(?:\w+\s+)?"
    + _EMBED_PLATFORM + r"\b|" + _EMBED_PLATFORM + r"(?:'s|’s))", re.IGNORECASE)
#: ... about data or consent, in every sentence ("Auf Art und Umfang der übertragenen Daten
#: hat der Bundesrat keinen Einfluss" goes on with the notice; "Der Bürgermeister hatte am
#: Montag erklärt, …" is the story's).
_EMBED_DATA = re.compile(
    r"\b(?:daten\w*|\w*datenschutz\w*|übertr\w*|uebertr\w*|übermitt\w*|uebermitt\w*|"
    r"akzeptier\w*|zustimm\w*|einverstanden|einwillig\w*|nutzungsbedingungen|cookies?|"
    r"data|privacy|agree|accept\w*|consent\w*|terms|donn(?:é|e)es|acceptez|accepter|"
    r"confidentialit(?:é|e)|datos|privacidad|aceptas|acepta|aceptar|dati|accetti|accetta|"
    r"gegevens|akkoord|toestemming)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
#: A "sentence" of fewer words is the tail of an abbreviation ("an YouTube bzw. Google.").
SENTENCE_WORDS = 4
EMBED_NOTICE_WORDS = 35


def _is_embed_notice(text: str) -> bool:
    """The formula, no reporting tail (`_REPORTED`), and data or consent in every sentence."""
    return bool(_EMBED_NOTICE.match(text)) and not _REPORTED.search(text) and all(
        _EMBED_DATA.search(sentence) for sentence in _SENTENCE_BREAK.split(text.strip())
        if len(sentence.split()) >= SENTENCE_WORDS)


#: - a blog's line on where the post was filed, as WordPress themes print it under the
#:   post: "This entry was posted in News and tagged ferry. Bookmark the permalink.";
_POSTED_IN = re.compile(
    r"\W*(?:this\s+entry\s+was\s+posted\s+(?:in|on)|dieser\s+eintrag\s+wurde\s+(?:am|in|unter)|"
    r"cette\s+entr(?:é|e)e\s+a\s+(?:é|e)t(?:é|e)\s+publi(?:é|e)e|esta\s+entrada\s+fue\s+publicada|"
    r"questo\s+(?:articolo|post)\s+(?:è|e)\s+stato\s+pubblicato|esta\s+entrada\s+foi\s+publicada|"
    r"ten\s+wpis\s+zosta(?:ł|l)\s+opublikowany|dit\s+bericht\s+(?:werd|is)\s+geplaatst)\b",
    re.IGNORECASE)
#: - a box asking to rate the article: "Hier können Sie den Artikel bewerten", "Rate this
#:   article", "Valora este artículo", "Notez cet article", "Oceń artykuł";
_RATE_ARTICLE = re.compile(
    r"\W*(?:(?:hier\s+k(?:ö|oe)nnen\s+sie|bitte|please)\s+)?(?:(?:rate|bewerten(?:\s+sie)?|"
    r"valora|val(?:ó|o)rese|notez|(?:é|e)valuez|vota|avalie|oce(?:ń|n)|beoordeel)\s+(?:\w+\s+)?"
    r"(?:article|artikel|beitrag|art(?:í|i)culo|articolo|artigo|artyku(?:ł|l)|post|story)|"
    r"(?:\w+\s+)?(?:article|artikel|beitrag|art(?:í|i)culo|articolo|artigo|artyku(?:ł|l))\s+"
    r"(?:rate|bewerten|valorar|noter|votare|avaliar|oceni(?:ć|c)|beoordelen))\W*", re.IGNORECASE)


#: - a cookie banner's text printed in the page, opening its block (not a quotation, not a
#:   sentence inside a story on a cookie fine): "Wir verwenden Cookies. Durch Bestätigen
#:   des Buttons …", "This website uses cookies", "We respect your privacy" (the eight
#:   languages), in a notice this long at most.
_CONSENT_NOTICE = re.compile(
    _LINE_LEAD + r"(?:we\s+respect\s+your\s+privacy|"
    r"wir\s+respektieren\s+(?:deine|ihre)\s+"
    r"privatsph(?:ä|ae)re|respetamos\s+tu\s+privacidad|nous\s+respectons\s+votre\s+vie\s+"
    r"priv(?:é|e)e|rispettiamo\s+la\s+tua\s+privacy|respeitamos\s+a\s+sua\s+privacidade|"
    r"szanujemy\s+(?:twoj(?:ą|a)\s+)?prywatno(?:ść|sc)|wij\s+respecteren\s+(?:uw|je)\s+privacy|"
    r"(?:this|our)\s+(?:web)?site\s+uses\s+cookies|we\s+use\s+cookies|diese\s+(?:web)?seite\s+"
    r"(?:verwendet|nutzt)\s+cookies|diese\s+website\s+(?:verwendet|nutzt)\s+cookies|"
    r"wir\s+(?:verwenden|nutzen)\s+cookies|este\s+(?:sitio\s+web|sitio|site)\s+utiliza\s+"
    r"cookies|utilizamos\s+cookies|ce\s+site\s+utilise\s+des\s+cookies|nous\s+utilisons\s+des\s+"
    r"cookies|questo\s+sito\s+utilizza\s+(?:i\s+)?cookie|utilizziamo\s+(?:i\s+)?cookie|"
    r"usamos\s+cookies|ta\s+strona\s+u(?:ż|z)ywa\s+(?:plik(?:ó|o)w\s+)?cookie|"
    r"deze\s+(?:web)?site\s+(?:maakt\s+gebruik\s+van|gebruikt)\s+cookies|"
    r"wij\s+gebruiken\s+cookies)\b", re.IGNORECASE)
CONSENT_NOTICE_WORDS = 80
#: - the site's disclaimer that an opinion piece is its author's, in the site's voice and
#:   opening the block, with each language's formula: "Dieser Beitrag gibt die Meinung des
#:   Autors wieder, nicht notwendigerweise die der Redaktion", "The views expressed in this
#:   article are those of the author", "Les opinions exprimées n'engagent que leur auteur",
#:   "Las opiniones expresadas son responsabilidad exclusiva de su autor", "Le opinioni
#:   espresse sono dell'autore", "As opiniões expressas são de responsabilidade do autor",
#:   "Opinie wyrażone w tekście są opiniami autora", "De geuite meningen zijn die van de
#:   auteur". A story reporting views ("The publisher said the views expressed in the memoir
#:   …", "Opinions expressed by local health authorities differed", "Die Studie gibt die
#:   Meinung der Autoren wieder") opens otherwise.
_OPINION = re.compile(
    _NOT_WORD_NOR_QUOTE + r"*(?:"
    r"(?:dieser|der|unser)\s+(?:gast)?(?:beitrag|artikel|text|kommentar)\s+gibt\s+(?:\w+\s+)?"
    r"(?:die\s+)?(?:meinung|ansicht|auffassung)\s+(?:des|der|von)\s+"
    r"(?:autors|autorin|autoren|autorinnen|verfassers|verfasserin|gastautors|gastautorin)\b|"
    r"namentlich\s+gekennzeichnete\s+(?:beitr(?:ä|ae)ge|artikel)\s+geben\b|"
    r"(?:the\s+)?(?:views|opinions)\s+(?:and\s+opinions\s+)?expressed\s+(?:(?:in|on)\s+"
    r"(?:this|these)\s+(?:article|post|piece|column|blog|op-ed|website|site|page|"
    r"commentary)s?\s+|here(?:in)?\s+|)"
    r"(?:(?:are|is)\s+(?:those|solely|entirely|the\s+author|the\s+writer|their\s+own|"
    r"not\s+necessarily)|do\s+not\s+necessarily)|"
    r"les\s+(?:opinions|propos|points\s+de\s+vue)\s+(?:exprim(?:é|e)(?:e|s|es)?|tenus)\s+"
    r"(?:dans\s+(?:cet|ce|cette)\s+\w+\s+|ici\s+)?n'engagent\s+que|"
    r"(?:cet|ce)\s+(?:article|texte|billet)\s+n'engage\s+que|"
    r"las\s+opiniones\s+(?:aqu(?:í|i)\s+)?(?:expresadas|vertidas)\s+(?:en\s+(?:este|esta)\s+\w+\s+)?"
    r"(?:son|no\s+reflejan|no\s+representan)\b|"
    r"le\s+opinioni\s+espresse\s+(?:in\s+questo\s+\w+\s+)?(?:sono|non\s+riflettono|"
    r"non\s+rappresentano)\b|"
    r"as\s+opini(?:õ|o)es\s+(?:aqui\s+)?(?:expressas|emitidas)\s+(?:neste\s+\w+\s+|nesta\s+\w+\s+)?"
    r"(?:s(?:ã|a)o|n(?:ã|a)o\s+refletem|n(?:ã|a)o\s+representam)\b|"
    r"opinie\s+wyra(?:ż|z)one\s+w\s+(?:tek(?:ś|s)cie|artykule|tym\s+\w+)\s+(?:s(?:ą|a)|nie)\b|"
    r"(?:de\s+)?(?:in\s+dit\s+\w+\s+)?(?:geuite|verwoorde|weergegeven)\s+(?:meningen|"
    r"standpunten|opvattingen)\s+(?:zijn|komen|vallen)\b|"
    r"dit\s+(?:artikel|stuk|opiniestuk)\s+geeft\s+de\s+mening\s+(?:weer\s+)?van\s+de\s+"
    r"(?:auteur|schrijver)\b)", re.IGNORECASE)
#: ... the author and the site named in it, or its hedge ("not necessarily", "unbedingt",
#: "responsabilidad"), each a whole word ("authorities", "Verlagerung" are none) ...
_OPINION_SITE_WORDS = re.compile(
    r"\b(?:autors?|autorin|autoren|verfasser(?:in|s)?|redaktion|herausgeber|author'?s?|authors|"
    r"writer'?s?|editors?|publisher|auteurs?|r(?:é|e)daction|autor(?:a|es)?|redacci(?:ó|o)n|"
    r"responsabilidad|autore|autori|redazione|reda(?:ç|c)(?:ã|a)o|responsabilidade|"
    r"redakcji|redakcja|schrijver|redactie|necessarily|notwendigerweise|"
    r"unbedingt|n(?:é|e)cessairement|necesariamente|necessariamente|koniecznie|noodzakelijkerwijs)\b",
    re.IGNORECASE)
OPINION_WORDS = 60
#: ... and no reporting tail: a story about a disclaimer or a statement in its words says who
#: said it after a comma or a dash ("The views expressed are those of the authors, the
#: ministry said of the leaked report", "Der Kommentar gibt die Meinung des Autors wieder,
#: sagte der Chefredakteur", "…, a rappelé la direction", "…, ha precisato l'autore"), and
#: that speaker is often the very owner word the rule asks for. A site's disclaimer names
#: no speaker.
_REPORTED = re.compile(
    r"[,–—]\s*(?:\w+\s+){0,3}(?:said|says|told|added|wrote|joked|admitted|stated|argued|"
    r"sagte|sagt|erkl(?:ä|ae)rte|erkl(?:ä|ae)rt|meint|meinte|betonte|schrieb|"
    r"a\s+(?:dit|(?:é|e)crit|\w+(?:é|u))|explique|avoue|d(?:é|e)clare|"
    r"dijo|aclar(?:ó|o)|afirm(?:ó|o)|reconoce|explic(?:ó|o)|señal(?:ó|o)|"
    r"ha\s+\w+(?:ato|uto|ito)|dice|disse|afirmou|admite|declarou|"
    r"zei|zegt|stelt|oordeelde|m(?:ó|o)wi|powiedzia(?:ł|l)a?|twierdzi|przekonywa(?:ł|l)a?)\b",
    re.IGNORECASE)


def is_site_notice(text: str, *, links: list[str] | None = None) -> bool:
    """Whether the block is the site speaking of itself (its taxonomy, a disclaimer, its
    licence, a label over other stories or of a widget, a comment section's heading or a
    count of comments, its footer's links, a notice about the reader's browser, a cookie
    banner's text, an opinion piece's disclaimer): no article says these in a line of its
    own, and sites print them around every article. The two rules that read more than a
    short line, the cookie banner's (`CONSENT_NOTICE_WORDS`) and the opinion disclaimer's
    (`OPINION_WORDS`), ask for their formula to open the block; the disclaimer also for
    no speaker after it (`_REPORTED`), since a story reporting one names who said it.

    `links`: the texts of the links in the block's element (None when it is not known)."""
    words = len(text.split())
    if words <= DISCLAIMER_WORDS and _DISCLAIMER.search(text):
        return True
    if words <= COPYRIGHT_WORDS and (_is_taxonomy(text, links) or _RESERVED.search(text)):
        return True
    if words <= RELATED_LABEL_WORDS and (_RELATED_LABEL.fullmatch(text)
                                         or _LABEL_ALONE.fullmatch(text)
                                         or _COMMENT_COUNT.fullmatch(text)):
        return True
    if words <= CONSENT_NOTICE_WORDS and _CONSENT_NOTICE.match(text):
        return True
    if words <= EMBED_NOTICE_WORDS and _is_embed_notice(text):
        return True
    if words <= OPINION_WORDS and _OPINION.match(text) and _OPINION_SITE_WORDS.search(text) \
            and not _REPORTED.search(text):
        return True
    if is_comment_heading(text) or (words <= RELATED_LABEL_WORDS
                                   and _RATE_ARTICLE.fullmatch(text)):
        return True
    if words > NOTICE_WORDS:
        return False
    return bool(_footer_links(text) or (_SITE_CONTENT.search(text) and _LICENCE.search(text))
                or _LICENSED_WORK.match(text)
                or (words <= BROWSER_NOTICE_WORDS and _BROWSER_NOTICE.match(text))
                or _POSTED_IN.match(text))


def is_comment_heading(text: str) -> bool:
    """Whether the line heads the readers' comments: the section's label ("Comments",
    "Leave a Reply", "12 Kommentare"), a thread's heading (a count, what it counts, a
    preposition and the post's title in quotation marks) or a numbered comment's heading
    naming its author (`_COMMENT_THREAD`)."""
    words = len(text.split())
    return (words <= RELATED_LABEL_WORDS and bool(
        _COMMENT_COUNT.fullmatch(text) or _COMMENT_LABEL.fullmatch(text))) \
        or (words <= COMMENT_HEADING_WORDS and bool(_COMMENT_THREAD.fullmatch(text)))


#: What may stand between two of a footer's links run into one line.
_BETWEEN_LINKS = re.compile(r"[\s|•·/,–-]*")


def _footer_links(text: str) -> bool:
    """Two different footer words side by side ("Impressum Datenschutzerklärung"): a
    sentence that names both ("Wer die AGB und die Datenschutzerklärung nicht liest")
    is the article's."""
    found = list(_FOOTER_WORDS.finditer(text))
    return any(_BETWEEN_LINKS.fullmatch(text[a.end():b.start()]) is not None
               and a.group(0).lower() != b.group(0).lower()
               for a, b in pairwise(found))


def _is_taxonomy(text: str, links: list[str] | None) -> bool:
    """A post's taxonomy line links its terms to their archives (their link texts are
    half of what follows the label at least), or is the bare label whose links were
    dropped; an award list's "Kategorie: Unterhaltung für <a>film</a>" is the page's own
    text (a half-b page lost 15 such lines to the label alone). `links` None: not known,
    the label decides."""
    found = _TAXONOMY.search(text)
    if found is None:
        return False
    rest = text[found.end():].strip()
    if not rest or links is None:
        return True
    return sum(len(link) for link in links if link and link in rest) >= 0.5 * len(rest)


def is_server_error(text: str) -> bool:
    """PHP's "Warning: … in /path/file.php on line 12" printed into the page: the site's
    failure, not its article (and printed once per call, so always "repeated")."""
    return bool(_SERVER_ERROR.match(text))
