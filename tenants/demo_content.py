"""Content of the demo network, written per language.

`TEXTS` holds what is translated (themes, calls, criteria, proposals): a demo city gets its
own language in the *_<language> columns and English in the *_en columns. `CITY_TEXTS` holds
what a city writes in its own language only: its colleagues' names, milestones, updates,
comments and the committee's reasons. `IDEAS` and `CALL_IDEAS` are the same in every city:
which idea belongs to which call, its theme, department and expected savings (in euros;
tenants/demo.py converts them to the city's currency).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CallText:
    title: str
    challenge: str
    eligibility_rules: str


@dataclass(frozen=True)
class IdeaText:
    title: str
    problem: str
    solution: str
    mvp_plan: str


@dataclass(frozen=True)
class Texts:
    """What is translated, in one language."""

    themes: dict[str, str]  # theme code -> name
    calls: dict[str, CallText]  # "past", "evaluation", "open"
    criteria: list[tuple[str, str]]  # (name, description), weighted by CRITERIA_WEIGHTS
    ideas: dict[str, IdeaText]  # idea code -> proposal texts


@dataclass(frozen=True)
class CityTexts:
    """What a city writes in its own language only."""

    people: list[tuple[str, str, str]]  # first name, last name, department code
    evaluators: list[tuple[str, str, str]]  # the same, for evaluator2, evaluator3
    milestones: list[str]  # pilot, training, roll-out, evaluation report
    updates: list[str]  # pilot finished, savings confirmed, roll-out late
    comments: list[str]  # praise, a question, the author's answer to it, a suggestion
    selected: list[str]  # committee reasons for selecting
    not_selected: list[str]  # committee reasons for not selecting
    ineligible: str
    scorecard_comments: list[str]  # even: for strong proposals, odd: for weaker ones
    savings_note: str


@dataclass(frozen=True)
class Idea:
    theme: str
    department: str
    money: int  # expected savings per year, in euros
    hours: int  # expected staff hours saved per year


THEME_CODES = ["processes", "communication", "services", "sustainability"]
CRITERIA_WEIGHTS = [30, 25, 25, 20]

IDEAS = {
    # Internal processes: the past call's pool.
    "e-signature": Idea("processes", "digital", 18_000, 2_400),
    "room-booking": Idea("processes", "digital", 4_000, 900),
    "hr-onboarding": Idea("processes", "human-resources", 9_000, 1_500),
    "print-reduction": Idea("sustainability", "finance", 26_000, 300),
    "e-invoices": Idea("processes", "finance", 15_000, 2_000),
    "service-cars": Idea("sustainability", "social", 30_000, 400),
    "newsletter": Idea("communication", "human-resources", 5_000, 600),
    # Services to citizens: the pool of the call in evaluation.
    "chatbot": Idea("communication", "digital", 35_000, 3_000),
    "open-permits": Idea("services", "urban-planning", 8_000, 1_200),
    "appointments": Idea("services", "digital", 12_000, 2_500),
    "plain-language": Idea("communication", "social", 6_000, 1_400),
    "sms-reminders": Idea("services", "social", 7_000, 800),
    "application-tracker": Idea("services", "urban-planning", 10_000, 1_800),
    "waste-routes": Idea("sustainability", "urban-planning", 60_000, 2_200),
    # A greener city hall: the open call's pool.
    "energy-monitoring": Idea("sustainability", "finance", 45_000, 150),
    "led-sensors": Idea("sustainability", "urban-planning", 20_000, 40),
    "e-bikes": Idea("sustainability", "human-resources", 9_000, 500),
    "reuse-platform": Idea("sustainability", "finance", 15_000, 200),
}

CALL_IDEAS = {
    "past": ["e-signature", "room-booking", "hr-onboarding", "print-reduction", "e-invoices",
             "service-cars", "newsletter"],
    "evaluation": ["chatbot", "open-permits", "appointments", "plain-language",
                   "sms-reminders", "application-tracker", "waste-routes"],
    "open": ["energy-monitoring", "led-sensors", "e-bikes", "reuse-platform"],
}

# --- English -----------------------------------------------------------------------------------

EN = Texts(
    themes={
        "processes": "Process optimisation",
        "communication": "Communication",
        "services": "Quality of services",
        "sustainability": "Sustainability",
    },
    calls={
        "past": CallText(
            "Less paper, less waiting: simpler internal processes",
            "Approvals, requests and reports still travel on paper between offices and wait on "
            "desks for days. How can we make our internal processes faster and cheaper without "
            "adding work for colleagues?",
            "Any employee or team may take part. The idea must concern an internal process and "
            "come with an MVP that can be tested within three months.",
        ),
        "evaluation": CallText(
            "Closer to citizens: clearer and faster public services",
            "Citizens call, queue and write to us for answers they could get faster. How can we "
            "make our services easier to reach and to understand, and free counter staff for the "
            "cases that really need them?",
            "Open to all employees. Proposals must improve a service used by citizens and be "
            "testable with the city's existing systems or a small budget.",
        ),
        "open": CallText(
            "A greener city hall",
            "Our buildings, vehicles and offices use energy, paper and materials every day. Which "
            "small changes would cut our footprint and our bills, and can be tested in one "
            "building or one team first?",
            "Open to all employees, alone or in teams. Each proposal needs a measurable target "
            "(kWh, litres, kilograms or money) and an MVP of at most two months.",
        ),
    },
    criteria=[
        (
            "Savings",
            "Money and staff time the idea saves each year, and how solid the estimate is.",
        ),
        (
            "Feasibility",
            "Can it be done with our people, systems and budget, and is the MVP realistic?",
        ),
        (
            "Benefit for citizens and colleagues",
            "How many people gain, and how much their daily work or experience improves.",
        ),
        (
            "Innovation",
            "How new the idea is for our city hall, and whether other departments could reuse it.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Digital signatures for internal approvals",
            "Every purchase request and leave request is printed, signed by three or four people "
            "and carried between floors. A simple request takes eight working days on average, "
            "and documents get lost.",
            "Use qualified electronic signatures in the document management system, with an "
            "approval flow that sends each request to the next signatory automatically and keeps "
            "the whole history.",
            "Run the flow for small purchases in one department for six weeks, and compare "
            "processing time and paper used with the previous quarter.",
        ),
        "room-booking": IdeaText(
            "Shared booking of meeting rooms",
            "Each department keeps its own paper calendar for its meeting room. Colleagues phone "
            "around to find a free room; some rooms stand empty while others are booked twice.",
            "Publish every meeting room in the shared calendar of the office suite, with its "
            "capacity and equipment, so anyone can book a free room in a few clicks; unused "
            "bookings are released after 15 minutes.",
            "Add the eight rooms of the main building to the shared calendar for one month and "
            "count bookings, no-shows and calls to the reception.",
        ),
        "hr-onboarding": IdeaText(
            "Paperless onboarding of new staff",
            "A new colleague fills in up to twelve paper forms, brings copies of the same "
            "documents several times and often waits a week for an account, a badge and a desk.",
            "One online onboarding file: the newcomer uploads documents once, HR, IT and "
            "facilities each receive their tasks with a deadline, and the manager sees what is "
            "still missing.",
            "Use the online file for every newcomer of one quarter and measure how many days pass "
            "until they have everything they need to work.",
        ),
        "print-reduction": IdeaText(
            "Print less: secure printing and double-sided by default",
            "We run more than a hundred personal printers; half of the pages printed are never "
            "collected, and each office buys its own toner.",
            "Replace personal printers with shared multifunction printers, release jobs with the "
            "staff badge, print double-sided in black and white by default, and show each "
            "department its monthly use.",
            "Remove the personal printers from one floor, install two shared devices and compare "
            "pages printed and toner bought over two months.",
        ),
        "e-invoices": IdeaText(
            "Automatic routing of supplier invoices",
            "Supplier invoices arrive by post and e-mail, are typed in by hand and wait for "
            "approval in the wrong inbox; late payments cost us interest and the suppliers' "
            "trust.",
            "Receive invoices in one mailbox, read them automatically, match them to the purchase "
            "order and send them to the right budget holder for approval in the financial system.",
            "Process the invoices of the ten largest suppliers through the new flow for two "
            "months and track typing errors and days to payment.",
        ),
        "service-cars": IdeaText(
            "Shared service cars with online booking",
            "Each department keeps its own service cars; some drive less than 2,000 km a year "
            "while social workers wait for a car to visit families.",
            "Put all service cars in one pool with online booking and a digital logbook, and give "
            "up the cars the pool does not need.",
            "Pool the cars of three departments for two months, record every trip and measure how "
            "many cars are really needed.",
        ),
        "newsletter": IdeaText(
            "A weekly staff newsletter instead of notice boards",
            "Staff news is pinned on notice boards or sent in long circular e-mails; colleagues "
            "working in the field miss decisions that concern them.",
            "A short weekly digital newsletter, easy to read on a phone, with news from each "
            "department, vacancies and training, written by a network of contributors.",
            "Publish eight issues, measure the opening rate and ask readers in a short survey "
            "whether they feel better informed.",
        ),
        "chatbot": IdeaText(
            "A chatbot for citizens' frequent questions",
            "The call centre answers the same twenty questions all day: opening hours, the "
            "documents needed for an ID card, how to pay local taxes. Callers wait up to fifteen "
            "minutes.",
            "A chatbot on the city's website and in messaging apps that answers frequent "
            "questions in plain language from our own pages, and hands over to a colleague when "
            "it cannot help.",
            "Train the chatbot on the fifty most frequent questions about local taxes, run it for "
            "one month, and compare calls and waiting times with the same month last year.",
        ),
        "open-permits": IdeaText(
            "Open data on building permits",
            "Architects, neighbours and journalists send written requests to learn where building "
            "permits stand; each answer takes a clerk about half an hour.",
            "Publish the register of building permits as open data, updated every night, with a "
            "search by address and a map on the city's open data portal.",
            "Publish the permits of the last two years for one district and count the requests "
            "for information before and after.",
        ),
        "appointments": IdeaText(
            "Online appointments at the citizen service centre",
            "Citizens queue in the morning for a ticket at the service centre; many leave without "
            "being served and come back another day.",
            "Let citizens book a time slot online or by phone, send a reminder the day before, "
            "and keep a few slots for people who come without an appointment.",
            "Offer online booking for one frequently requested service at one counter for six "
            "weeks, and measure the waiting time and how many people have to come back.",
        ),
        "plain-language": IdeaText(
            "Letters to citizens in plain language",
            "Our standard letters are full of legal references; citizens call or come to the "
            "counter just to understand what we ask of them.",
            "Rewrite the twenty most used letter templates in plain language, with a clear 'What "
            "you need to do' box, and test them with citizens before use.",
            "Rewrite three letters about social benefits, send them for two months and compare "
            "the number of follow-up calls.",
        ),
        "sms-reminders": IdeaText(
            "Text-message reminders before deadlines",
            "Many families lose a benefit or pay a late fee because they forget to renew a "
            "document or to pay on time.",
            "Send a free text message or e-mail a few days before the deadline to citizens who "
            "agree to receive it, with a link to do it online.",
            "Send reminders for the renewal of one social benefit for three months and compare "
            "the share of late renewals with the previous year.",
        ),
        "application-tracker": IdeaText(
            "Track your application online",
            "Citizens cannot see where their application stands, so they call several "
            "departments, and staff spend time looking for files.",
            "A status page where citizens enter their file number and see each step, who handles "
            "it and the expected date, fed by our case management system.",
            "Show the status of residents' parking permit applications for two months and count "
            "the status calls the department receives.",
        ),
        "waste-routes": IdeaText(
            "Smarter routes for waste collection",
            "Collection trucks follow the same fixed routes every week, whether the containers "
            "are full or half empty, burning fuel and staff hours.",
            "Fill-level sensors in the largest containers and route planning software that plans "
            "each day's collection around the containers that are actually full.",
            "Fit sensors to forty containers in one neighbourhood, plan the routes with the "
            "software for two months, and compare kilometres driven and overflowing containers.",
        ),
        "energy-monitoring": IdeaText(
            "Energy monitoring in municipal buildings",
            "We pay the energy bills of our buildings without knowing which building, floor or "
            "device wastes energy; faults are found only when the bill arrives.",
            "Smart meters in the main buildings, connected to a simple dashboard that shows "
            "consumption hour by hour and sends an alert when a building uses energy at night or "
            "at weekends.",
            "Install meters in the city hall and two schools for two months, fix the three "
            "largest sources of waste found, and measure the kWh saved.",
        ),
        "led-sensors": IdeaText(
            "LED lighting with presence sensors in offices",
            "Lights in corridors, toilets and meeting rooms stay on all day and often all night, "
            "even in rooms nobody uses.",
            "Replace old lamps with LED lighting and add presence and daylight sensors, starting "
            "with the least used rooms.",
            "Equip one floor of the administrative building, measure its consumption for a month "
            "and compare it with an identical floor.",
        ),
        "e-bikes": IdeaText(
            "Electric bikes for short business trips",
            "Colleagues take a car or a taxi for trips of two or three kilometres across the "
            "centre, and often spend longer looking for parking than driving.",
            "A small fleet of electric bikes with helmets and panniers, booked like the service "
            "cars, for trips within the city.",
            "Make four e-bikes available to two departments for two months and count the car and "
            "taxi trips they replace.",
        ),
        "reuse-platform": IdeaText(
            "A reuse platform for furniture and office equipment",
            "Some departments buy new chairs, cupboards and screens while others store unused "
            "ones in basements, and old items end up in the skip.",
            "An internal marketplace on the intranet where departments offer and request "
            "furniture and equipment before anything new is bought.",
            "Take stock of the storerooms of two buildings, publish the items for six weeks and "
            "count the purchases avoided.",
        ),
    },
)

EN_CITY = CityTexts(
    people=[
        ("Olivia", "Bennett", "digital"), ("James", "Carter", "finance"),
        ("Emma", "Hughes", "human-resources"), ("Oliver", "Price", "urban-planning"),
        ("Grace", "Turner", "social"), ("Harry", "Walsh", "digital"),
        ("Amelia", "Reid", "finance"), ("Jack", "Foster", "urban-planning"),
    ],
    evaluators=[("Helen", "Morgan", "urban-planning"), ("Simon", "Clarke", "digital")],
    milestones=[
        "Pilot in one department",
        "Training for the staff concerned",
        "Roll-out to all departments",
        "Evaluation report to the committee",
    ],
    updates=[
        "The pilot is finished: the team uses the new way of working every day and the first "
        "feedback is very positive.",
        "The first months confirm the projected savings; we are now extending the solution to the "
        "other departments.",
        "The roll-out is late: we are waiting for the IT department to set up the last accounts. "
        "A new date follows in the next update.",
    ],
    comments=[
        "Excellent idea! We have exactly the same problem in our department and would be glad to "
        "take part in the test.",
        "Have you checked with IT whether we already have a licence that could be used for this?",
        "Thank you! We spoke with IT: the existing licence covers the test, so the MVP costs "
        "almost nothing.",
        "How will you measure the savings? A baseline from last year would make the proposal "
        "stronger.",
    ],
    selected=[
        "Selected: a clear problem, a realistic MVP and savings the committee considers well "
        "documented.",
        "Selected: the idea can be put in place quickly with existing tools and helps many "
        "colleagues.",
    ],
    not_selected=[
        "Not selected this time: the idea is interesting, but the savings estimate is not backed "
        "by data. We encourage you to collect figures and submit it again.",
        "Not selected: a similar solution is already planned in next year's IT strategy; the "
        "committee suggests joining that project team.",
    ],
    ineligible=(
        "Not eligible: the proposal overlaps with a project already approved in this year's "
        "budget; the committee has passed it on to the project team."
    ),
    scorecard_comments=[
        "Clear problem and realistic MVP; the savings seem well estimated.",
        "Good idea, but the savings estimate looks optimistic.",
        "Useful for many colleagues; it needs support from the IT department.",
        "Interesting, but it will be hard to extend beyond one department.",
    ],
    savings_note="Figures checked with the finance department.",
)

# --- Romanian (Cluj-Napoca) ----------------------------------------------------------------------

RO = Texts(
    themes={
        "processes": "Optimizarea proceselor",
        "communication": "Comunicare",
        "services": "Calitatea serviciilor",
        "sustainability": "Sustenabilitate",
    },
    calls={
        "past": CallText(
            "Mai puțină hârtie, mai puțină așteptare: procese interne mai simple",
            "Aprobările, cererile și rapoartele circulă încă pe hârtie între birouri și stau zile "
            "întregi pe mese. Cum putem face procesele interne mai rapide și mai ieftine, fără să "
            "adăugăm muncă pentru colegi?",
            "Poate participa orice angajat sau echipă. Ideea trebuie să privească un proces "
            "intern și să aibă un MVP care poate fi testat în cel mult trei luni.",
        ),
        "evaluation": CallText(
            "Mai aproape de cetățeni: servicii publice mai clare și mai rapide",
            "Cetățenii ne sună, stau la coadă și ne scriu pentru răspunsuri pe care le-ar putea "
            "primi mai repede. Cum putem face serviciile noastre mai ușor de accesat și de "
            "înțeles, astfel încât colegii de la ghișee să se ocupe de cazurile care chiar au "
            "nevoie de ei?",
            "Deschis tuturor angajaților. Propunerile trebuie să îmbunătățească un serviciu "
            "folosit de cetățeni și să poată fi testate cu sistemele existente ale primăriei sau "
            "cu un buget mic.",
        ),
        "open": CallText(
            "O primărie mai verde",
            "Clădirile, vehiculele și birourile noastre consumă zilnic energie, hârtie și "
            "materiale. Ce schimbări mici ne-ar reduce amprenta și facturile și pot fi testate "
            "mai întâi într-o singură clădire sau echipă?",
            "Deschis tuturor angajaților, individual sau în echipă. Fiecare propunere are nevoie "
            "de o țintă măsurabilă (kWh, litri, kilograme sau lei) și de un MVP de cel mult două "
            "luni.",
        ),
    },
    criteria=[
        (
            "Economii",
            "Banii și timpul de lucru economisiți în fiecare an și cât de solidă este estimarea.",
        ),
        (
            "Fezabilitate",
            "Se poate realiza cu oamenii, sistemele și bugetul nostru, iar MVP-ul este realist?",
        ),
        (
            "Beneficii pentru cetățeni și colegi",
            "Câți oameni câștigă și cât de mult se îmbunătățește munca sau experiența lor de zi "
            "cu zi.",
        ),
        (
            "Inovare",
            "Cât de nouă este ideea pentru primăria noastră și dacă o pot prelua și alte direcții.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Semnătură electronică pentru aprobările interne",
            "Fiecare referat de achiziție și fiecare cerere de concediu se tipărește, se semnează "
            "de trei-patru persoane și se plimbă între etaje. O cerere simplă durează în medie "
            "opt zile lucrătoare, iar documentele se pierd.",
            "Folosim semnătura electronică calificată în sistemul de management al documentelor, "
            "cu un flux de aprobare care trimite automat fiecare cerere următorului semnatar și "
            "păstrează tot istoricul.",
            "Rulăm fluxul pentru achizițiile mici dintr-o singură direcție timp de șase săptămâni "
            "și comparăm timpul de procesare și hârtia consumată cu trimestrul anterior.",
        ),
        "room-booking": IdeaText(
            "Rezervarea comună a sălilor de ședință",
            "Fiecare direcție își ține propriul calendar pe hârtie pentru sala de ședințe. "
            "Colegii dau telefoane ca să găsească o sală liberă, iar unele săli stau goale în "
            "timp ce altele sunt rezervate de două ori.",
            "Publicăm toate sălile de ședință în calendarul comun al suitei de birou, cu "
            "capacitatea și echipamentele lor, ca oricine să poată rezerva o sală liberă din "
            "câteva clicuri; rezervările nefolosite se anulează automat după 15 minute.",
            "Adăugăm cele opt săli din clădirea principală în calendarul comun timp de o lună și "
            "numărăm rezervările, neprezentările și apelurile către recepție.",
        ),
        "hr-onboarding": IdeaText(
            "Integrarea fără hârtie a noilor angajați",
            "Un coleg nou completează până la douăsprezece formulare pe hârtie, aduce de mai "
            "multe ori copii ale acelorași acte și așteaptă adesea o săptămână pentru cont, "
            "legitimație și birou.",
            "Un dosar unic de integrare online: noul angajat încarcă documentele o singură dată, "
            "resursele umane, IT-ul și administrativul își primesc sarcinile cu termen, iar șeful "
            "vede ce mai lipsește.",
            "Folosim dosarul online pentru toți angajații noi dintr-un trimestru și măsurăm în "
            "câte zile au tot ce le trebuie ca să lucreze.",
        ),
        "print-reduction": IdeaText(
            "Tipărim mai puțin: imprimare securizată și față-verso implicit",
            "Avem peste o sută de imprimante personale; jumătate din paginile tipărite nu sunt "
            "ridicate niciodată, iar tonerul este cumpărat separat de fiecare birou.",
            "Înlocuim imprimantele personale cu multifuncționale comune, eliberăm documentele cu "
            "legitimația de serviciu, tipărim implicit față-verso, alb-negru, și arătăm fiecărei "
            "direcții consumul lunar.",
            "Scoatem imprimantele personale de pe un etaj, instalăm două echipamente comune și "
            "comparăm timp de două luni paginile tipărite și tonerul cumpărat.",
        ),
        "e-invoices": IdeaText(
            "Direcționarea automată a facturilor de la furnizori",
            "Facturile furnizorilor sosesc prin poștă și e-mail, sunt introduse de mână și "
            "așteaptă aprobarea în căsuța greșită; plățile întârziate ne costă penalități și "
            "încrederea partenerilor.",
            "Primim facturile într-o singură căsuță, le citim automat, le potrivim cu comanda și "
            "le trimitem spre aprobare persoanei responsabile de buget, direct în sistemul "
            "financiar.",
            "Procesăm prin noul flux facturile celor mai mari zece furnizori timp de două luni și "
            "urmărim erorile de introducere și zilele până la plată.",
        ),
        "service-cars": IdeaText(
            "Mașini de serviciu în comun, cu rezervare online",
            "Fiecare direcție are propriile mașini de serviciu; unele parcurg sub 2.000 km pe an, "
            "în timp ce asistenții sociali așteaptă o mașină ca să viziteze familiile.",
            "Punem toate mașinile de serviciu într-un parc comun, cu rezervare online și foaie de "
            "parcurs digitală, și renunțăm la mașinile de care parcul nu are nevoie.",
            "Punem în comun mașinile a trei direcții timp de două luni, înregistrăm fiecare cursă "
            "și măsurăm de câte mașini este nevoie de fapt.",
        ),
        "newsletter": IdeaText(
            "Un buletin informativ săptămânal în locul avizierelor",
            "Noutățile pentru personal sunt puse la avizier sau trimise în e-mailuri circulare "
            "lungi; colegii din teren ratează deciziile care îi privesc.",
            "Un buletin digital scurt, săptămânal, ușor de citit pe telefon, cu noutăți din "
            "fiecare direcție, posturi vacante și cursuri, scris de o rețea de corespondenți.",
            "Publicăm opt numere, măsurăm rata de deschidere și întrebăm cititorii, printr-un "
            "chestionar scurt, dacă se simt mai bine informați.",
        ),
        "chatbot": IdeaText(
            "Un chatbot pentru întrebările frecvente ale cetățenilor",
            "Call-center-ul răspunde toată ziua la aceleași douăzeci de întrebări: program, acte "
            "pentru cartea de identitate, cum se plătesc taxele locale. Cei care sună așteaptă "
            "până la cincisprezece minute.",
            "Un chatbot pe site-ul primăriei și în aplicațiile de mesagerie, care răspunde pe "
            "înțelesul tuturor la întrebările frecvente, pe baza paginilor noastre, și predă "
            "conversația unui coleg atunci când nu poate ajuta.",
            "Antrenăm chatbotul pe cele mai frecvente cincizeci de întrebări despre taxele "
            "locale, îl folosim o lună și comparăm apelurile și timpii de așteptare cu aceeași "
            "lună de anul trecut.",
        ),
        "open-permits": IdeaText(
            "Date deschise despre autorizațiile de construire",
            "Arhitecți, vecini și jurnaliști depun cereri scrise ca să afle stadiul "
            "autorizațiilor de construire; fiecare răspuns îi ia unui funcționar aproximativ o "
            "jumătate de oră.",
            "Publicăm registrul autorizațiilor de construire ca date deschise, actualizat în "
            "fiecare noapte, cu căutare după adresă și hartă pe portalul de date deschise al "
            "orașului.",
            "Publicăm autorizațiile din ultimii doi ani pentru un singur cartier și numărăm "
            "cererile de informații înainte și după.",
        ),
        "appointments": IdeaText(
            "Programări online la centrul de relații cu publicul",
            "Cetățenii stau la coadă dimineața pentru un bon de ordine la centrul de relații cu "
            "publicul; mulți pleacă fără să fie serviți și revin în altă zi.",
            "Cetățenii își rezervă online sau telefonic un interval orar, primesc un memento cu o "
            "zi înainte, iar câteva intervale rămân libere pentru cei care vin fără programare.",
            "Oferim programare online pentru un serviciu foarte solicitat, la un singur ghișeu, "
            "timp de șase săptămâni și măsurăm timpul de așteptare și numărul celor care trebuie "
            "să revină.",
        ),
        "plain-language": IdeaText(
            "Scrisori către cetățeni pe înțelesul tuturor",
            "Scrisorile noastre standard sunt pline de trimiteri la legi; cetățenii sună sau vin "
            "la ghișeu doar ca să înțeleagă ce le cerem.",
            "Rescriem cele mai folosite douăzeci de modele de scrisori într-un limbaj simplu, cu "
            "o casetă clară „Ce trebuie să faceți”, și le testăm cu cetățeni înainte de "
            "utilizare.",
            "Rescriem trei scrisori despre beneficiile sociale, le trimitem timp de două luni și "
            "comparăm numărul de apeluri care urmează.",
        ),
        "sms-reminders": IdeaText(
            "Mesaje de reamintire înainte de termene",
            "Multe familii pierd un beneficiu sau plătesc penalități pentru că uită să "
            "reînnoiască un document sau să plătească la timp.",
            "Trimitem gratuit un SMS sau un e-mail cu câteva zile înainte de termen cetățenilor "
            "care sunt de acord să le primească, cu un link pentru a rezolva totul online.",
            "Trimitem mesaje pentru reînnoirea unui singur beneficiu social timp de trei luni și "
            "comparăm ponderea reînnoirilor întârziate cu anul trecut.",
        ),
        "application-tracker": IdeaText(
            "Urmărirea online a dosarului",
            "Cetățenii nu văd în ce stadiu se află dosarul lor, așa că sună la mai multe "
            "direcții, iar colegii pierd timp căutând dosarele.",
            "O pagină de stadiu unde cetățeanul introduce numărul de înregistrare și vede fiecare "
            "etapă, cine se ocupă și data estimată, alimentată din sistemul nostru de "
            "registratură.",
            "Afișăm timp de două luni stadiul cererilor pentru abonamentele de parcare de "
            "reședință și numărăm apelurile despre stadiu primite de direcție.",
        ),
        "waste-routes": IdeaText(
            "Trasee mai inteligente pentru colectarea deșeurilor",
            "Autogunoierele urmează în fiecare săptămână aceleași trasee fixe, indiferent dacă "
            "containerele sunt pline sau pe jumătate goale, consumând combustibil și ore de "
            "muncă.",
            "Senzori de umplere în cele mai mari containere și un program de planificare care "
            "stabilește zilnic traseul în funcție de containerele cu adevărat pline.",
            "Montăm senzori pe patruzeci de containere dintr-un cartier, planificăm traseele cu "
            "programul timp de două luni și comparăm kilometrii parcurși și containerele care dau "
            "pe dinafară.",
        ),
        "energy-monitoring": IdeaText(
            "Monitorizarea energiei în clădirile primăriei",
            "Plătim facturile la energie ale clădirilor fără să știm care clădire, etaj sau "
            "echipament risipește; defecțiunile se descoperă abia când vine factura.",
            "Contoare inteligente în clădirile principale, conectate la un panou simplu care "
            "arată consumul pe oră și trimite alerte când o clădire consumă noaptea sau în "
            "weekend.",
            "Montăm contoare la sediul primăriei și în două școli timp de două luni, remediem "
            "cele mai mari trei surse de risipă găsite și măsurăm kWh economisiți.",
        ),
        "led-sensors": IdeaText(
            "Iluminat LED cu senzori de prezență în birouri",
            "Luminile din holuri, grupuri sanitare și săli de ședință rămân aprinse toată ziua și "
            "adesea toată noaptea, chiar și în încăperile pe care nu le folosește nimeni.",
            "Înlocuim lămpile vechi cu iluminat LED și adăugăm senzori de prezență și de lumină "
            "naturală, începând cu încăperile cel mai puțin folosite.",
            "Echipăm un etaj al clădirii administrative, îi măsurăm consumul timp de o lună și îl "
            "comparăm cu un etaj identic.",
        ),
        "e-bikes": IdeaText(
            "Biciclete electrice pentru deplasările scurte de serviciu",
            "Colegii iau mașina sau taxiul pentru drumuri de doi-trei kilometri prin centru și "
            "pierd adesea mai mult timp căutând un loc de parcare decât conducând.",
            "O mică flotă de biciclete electrice, cu căști și genți, rezervate la fel ca mașinile "
            "de serviciu, pentru deplasările prin oraș.",
            "Punem patru biciclete electrice la dispoziția a două direcții timp de două luni și "
            "numărăm drumurile cu mașina și cu taxiul pe care le înlocuiesc.",
        ),
        "reuse-platform": IdeaText(
            "O platformă de reutilizare pentru mobilier și echipamente de birou",
            "Unele direcții cumpără scaune, dulapuri și monitoare noi, în timp ce altele le țin "
            "pe cele nefolosite în subsol, iar obiectele vechi ajung la gunoi.",
            "O piață internă pe intranet, unde direcțiile oferă și cer mobilier și echipamente "
            "înainte de a cumpăra ceva nou.",
            "Inventariem depozitele din două clădiri, publicăm obiectele timp de șase săptămâni "
            "și numărăm achizițiile evitate.",
        ),
    },
)

RO_CITY = CityTexts(
    people=[
        ("Ioana", "Popescu", "digital"), ("Andrei", "Munteanu", "finance"),
        ("Maria", "Crișan", "human-resources"), ("Radu", "Moldovan", "urban-planning"),
        ("Elena", "Rusu", "social"), ("Mihai", "Pop", "digital"),
        ("Cristina", "Mureșan", "finance"), ("Vlad", "Sabău", "urban-planning"),
    ],
    evaluators=[("Adriana", "Bogdan", "urban-planning"), ("Sorin", "Lazăr", "digital")],
    milestones=[
        "Pilot într-o singură direcție",
        "Instruirea personalului implicat",
        "Extinderea la toate direcțiile",
        "Raport de evaluare pentru comisie",
    ],
    updates=[
        "Pilotul s-a încheiat: echipa folosește zilnic noul mod de lucru, iar primele reacții "
        "sunt foarte bune.",
        "Primele luni confirmă economiile estimate; extindem acum soluția la celelalte direcții.",
        "Extinderea întârzie: așteptăm ca direcția IT să configureze ultimele conturi. Revenim cu "
        "o dată nouă în actualizarea următoare.",
    ],
    comments=[
        "Excelentă idee! Avem exact aceeași problemă în direcția noastră și am participa bucuroși "
        "la test.",
        "Ați verificat cu direcția IT dacă avem deja o licență care s-ar putea folosi pentru asta?",
        "Mulțumim! Am vorbit cu IT-ul: licența existentă acoperă testul, deci MVP-ul nu costă "
        "aproape nimic.",
        "Cum veți măsura economiile? O comparație cu datele de anul trecut ar întări propunerea.",
    ],
    selected=[
        "Selectată: problemă clară, MVP realist și economii pe care comisia le consideră bine "
        "documentate.",
        "Selectată: ideea poate fi pusă în practică rapid cu instrumentele existente și ajută "
        "mulți colegi.",
    ],
    not_selected=[
        "Nu a fost selectată de această dată: ideea este interesantă, dar estimarea economiilor "
        "nu este susținută de date. Vă încurajăm să strângeți cifre și să o depuneți din nou.",
        "Nu a fost selectată: o soluție asemănătoare este deja prevăzută în strategia IT pentru "
        "anul viitor; comisia vă propune să vă alăturați echipei acelui proiect.",
    ],
    ineligible=(
        "Neeligibilă: propunerea se suprapune cu un proiect deja aprobat în bugetul din acest an; "
        "comisia a transmis-o echipei proiectului."
    ),
    scorecard_comments=[
        "Problemă clară și MVP realist; economiile par bine estimate.",
        "Idee bună, dar estimarea economiilor pare optimistă.",
        "Utilă pentru mulți colegi; are nevoie de sprijinul direcției IT.",
        "Interesantă, dar va fi greu de extins dincolo de o singură direcție.",
    ],
    savings_note="Cifre verificate cu direcția economică.",
)

# --- French (Paris) ----------------------------------------------------------------------------

FR = Texts(
    themes={
        "processes": "Optimisation des processus",
        "communication": "Communication",
        "services": "Qualité des services",
        "sustainability": "Développement durable",
    },
    calls={
        "past": CallText(
            "Moins de papier, moins d'attente : des processus internes plus simples",
            "Les validations, demandes et rapports circulent encore sur papier entre les bureaux "
            "et attendent des jours sur les tables. Comment rendre nos processus internes plus "
            "rapides et moins coûteux sans ajouter de travail aux collègues ?",
            "Tout agent ou toute équipe peut participer. L'idée doit porter sur un processus "
            "interne et comporter un MVP testable en trois mois au plus.",
        ),
        "evaluation": CallText(
            "Plus proches des usagers : des services publics plus clairs et plus rapides",
            "Les usagers nous appellent, font la queue et nous écrivent pour obtenir des réponses "
            "qu'ils pourraient avoir plus vite. Comment rendre nos services plus accessibles et "
            "plus compréhensibles, et libérer les agents d'accueil pour les situations qui ont "
            "vraiment besoin d'eux ?",
            "Ouvert à tous les agents. Les propositions doivent améliorer un service utilisé par "
            "les usagers et pouvoir être testées avec les outils existants de la Ville ou un "
            "petit budget.",
        ),
        "open": CallText(
            "Une mairie plus verte",
            "Nos bâtiments, véhicules et bureaux consomment chaque jour de l'énergie, du papier "
            "et des fournitures. Quels petits changements réduiraient notre empreinte et nos "
            "factures, en les testant d'abord dans un seul bâtiment ou une seule équipe ?",
            "Ouvert à tous les agents, seuls ou en équipe. Chaque proposition fixe un objectif "
            "mesurable (kWh, litres, kilos ou euros) et un MVP de deux mois au plus.",
        ),
    },
    criteria=[
        (
            "Économies",
            "L'argent et le temps de travail économisés chaque année, et la solidité de "
            "l'estimation.",
        ),
        (
            "Faisabilité",
            "Peut-on la réaliser avec nos équipes, nos outils et notre budget, et le MVP est-il "
            "réaliste ?",
        ),
        (
            "Bénéfice pour les usagers et les collègues",
            "Combien de personnes y gagnent, et à quel point leur quotidien s'améliore.",
        ),
        (
            "Innovation",
            "À quel point l'idée est nouvelle pour notre mairie, et si d'autres services "
            "pourraient la reprendre.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Signature électronique pour les validations internes",
            "Chaque demande d'achat et chaque demande de congé est imprimée, signée par trois ou "
            "quatre personnes et transportée d'un étage à l'autre. Une demande simple prend en "
            "moyenne huit jours ouvrés, et des documents se perdent.",
            "Utiliser la signature électronique qualifiée dans la gestion électronique des "
            "documents, avec un circuit de validation qui envoie automatiquement chaque demande "
            "au signataire suivant et garde tout l'historique.",
            "Faire tourner le circuit pour les petits achats d'un seul service pendant six "
            "semaines et comparer les délais de traitement et le papier consommé avec le "
            "trimestre précédent.",
        ),
        "room-booking": IdeaText(
            "Réservation partagée des salles de réunion",
            "Chaque service tient son propre agenda papier pour sa salle de réunion. Les "
            "collègues téléphonent partout pour trouver une salle libre ; certaines restent vides "
            "pendant que d'autres sont réservées deux fois.",
            "Publier toutes les salles de réunion dans l'agenda partagé de la suite bureautique, "
            "avec leur capacité et leurs équipements, pour que chacun réserve une salle libre en "
            "quelques clics ; les réservations non utilisées sont libérées au bout de 15 minutes.",
            "Ajouter les huit salles du bâtiment principal à l'agenda partagé pendant un mois et "
            "compter les réservations, les absences et les appels à l'accueil.",
        ),
        "hr-onboarding": IdeaText(
            "Un accueil des nouveaux agents sans papier",
            "Un nouvel agent remplit jusqu'à douze formulaires papier, fournit plusieurs fois les "
            "mêmes copies de documents et attend souvent une semaine son compte informatique, son "
            "badge et son bureau.",
            "Un dossier d'accueil unique en ligne : le nouvel agent dépose ses documents une "
            "seule fois, les RH, l'informatique et la logistique reçoivent leurs tâches avec une "
            "échéance, et le responsable voit ce qui manque encore.",
            "Utiliser le dossier en ligne pour tous les arrivants d'un trimestre et mesurer le "
            "nombre de jours avant qu'ils disposent de tout ce qu'il faut pour travailler.",
        ),
        "print-reduction": IdeaText(
            "Imprimer moins : impression sécurisée et recto verso par défaut",
            "Nous avons plus de cent imprimantes individuelles ; la moitié des pages imprimées ne "
            "sont jamais récupérées et chaque bureau achète son toner séparément.",
            "Remplacer les imprimantes individuelles par des copieurs multifonctions partagés, "
            "libérer les impressions avec le badge, imprimer par défaut en recto verso et en noir "
            "et blanc, et montrer à chaque service sa consommation mensuelle.",
            "Retirer les imprimantes individuelles d'un étage, installer deux appareils partagés "
            "et comparer pendant deux mois les pages imprimées et le toner acheté.",
        ),
        "e-invoices": IdeaText(
            "Circuit automatique des factures fournisseurs",
            "Les factures arrivent par courrier et par e-mail, sont saisies à la main et "
            "attendent leur validation dans la mauvaise boîte ; les retards de paiement nous "
            "coûtent des intérêts moratoires et la confiance des fournisseurs.",
            "Recevoir les factures dans une seule boîte, les lire automatiquement, les rapprocher "
            "du bon de commande et les envoyer pour validation au bon gestionnaire de crédits "
            "dans le logiciel financier.",
            "Traiter pendant deux mois les factures des dix principaux fournisseurs avec le "
            "nouveau circuit et suivre les erreurs de saisie et le délai de paiement.",
        ),
        "service-cars": IdeaText(
            "Des véhicules de service partagés, réservables en ligne",
            "Chaque service garde ses propres véhicules ; certains roulent moins de 2 000 km par "
            "an pendant que les travailleurs sociaux attendent une voiture pour rendre visite aux "
            "familles.",
            "Regrouper tous les véhicules de service dans un pool commun avec réservation en "
            "ligne et carnet de bord numérique, et restituer ceux dont le pool n'a pas besoin.",
            "Mettre en commun les véhicules de trois services pendant deux mois, enregistrer "
            "chaque trajet et mesurer le nombre de voitures réellement nécessaires.",
        ),
        "newsletter": IdeaText(
            "Une lettre d'information hebdomadaire à la place des panneaux d'affichage",
            "Les informations destinées aux agents sont punaisées sur des panneaux ou envoyées "
            "dans de longues notes de service ; les collègues de terrain ratent des décisions qui "
            "les concernent.",
            "Une courte lettre numérique hebdomadaire, lisible sur téléphone, avec des nouvelles "
            "de chaque service, les postes ouverts et les formations, rédigée par un réseau de "
            "correspondants.",
            "Publier huit numéros, mesurer le taux d'ouverture et demander aux lecteurs, par un "
            "court questionnaire, s'ils se sentent mieux informés.",
        ),
        "chatbot": IdeaText(
            "Un chatbot pour les questions fréquentes des usagers",
            "Le centre d'appels répond toute la journée aux vingt mêmes questions : horaires, "
            "pièces à fournir pour une carte d'identité, paiement des impôts locaux. Les usagers "
            "attendent jusqu'à quinze minutes.",
            "Un chatbot sur le site de la Ville et les messageries, qui répond aux questions "
            "fréquentes en langage simple à partir de nos propres pages et passe la main à un "
            "agent quand il ne sait pas répondre.",
            "Entraîner le chatbot sur les cinquante questions les plus fréquentes sur les impôts "
            "locaux, l'utiliser un mois et comparer les appels et les temps d'attente avec le "
            "même mois de l'an dernier.",
        ),
        "open-permits": IdeaText(
            "Des données ouvertes sur les permis de construire",
            "Architectes, riverains et journalistes envoient des demandes écrites pour connaître "
            "l'état des permis de construire ; chaque réponse prend environ une demi-heure à un "
            "agent.",
            "Publier le registre des permis de construire en données ouvertes, mis à jour chaque "
            "nuit, avec une recherche par adresse et une carte sur le portail open data de la "
            "Ville.",
            "Publier les permis des deux dernières années pour un arrondissement et compter les "
            "demandes d'information avant et après.",
        ),
        "appointments": IdeaText(
            "Rendez-vous en ligne à l'accueil des usagers",
            "Les usagers font la queue le matin pour obtenir un ticket à l'accueil ; beaucoup "
            "repartent sans avoir été reçus et reviennent un autre jour.",
            "Permettre de réserver un créneau en ligne ou par téléphone, envoyer un rappel la "
            "veille et garder quelques créneaux pour les personnes sans rendez-vous.",
            "Proposer pendant six semaines la prise de rendez-vous en ligne pour les titres "
            "d'identité à un guichet, et mesurer le temps d'attente et le nombre de personnes qui "
            "doivent revenir.",
        ),
        "plain-language": IdeaText(
            "Des courriers aux usagers en langage clair",
            "Nos courriers types sont remplis de références juridiques ; les usagers appellent ou "
            "viennent au guichet simplement pour comprendre ce que nous leur demandons.",
            "Réécrire en langage clair les vingt modèles de courrier les plus utilisés, avec un "
            "encadré « Ce que vous devez faire », et les tester auprès d'usagers avant leur mise "
            "en service.",
            "Réécrire trois courriers sur les aides sociales, les envoyer pendant deux mois et "
            "comparer le nombre d'appels qui suivent.",
        ),
        "sms-reminders": IdeaText(
            "Des rappels par SMS avant les échéances",
            "Beaucoup de familles perdent une aide ou paient une pénalité parce qu'elles oublient "
            "de renouveler un document ou de payer à temps.",
            "Envoyer gratuitement un SMS ou un e-mail quelques jours avant l'échéance aux usagers "
            "qui l'acceptent, avec un lien pour faire la démarche en ligne.",
            "Envoyer des rappels pour le renouvellement d'une aide sociale pendant trois mois et "
            "comparer la part de renouvellements en retard avec l'année précédente.",
        ),
        "application-tracker": IdeaText(
            "Suivre sa demande en ligne",
            "Les usagers ne savent pas où en est leur demande ; ils appellent plusieurs services "
            "et les agents passent du temps à chercher les dossiers.",
            "Une page de suivi où l'usager saisit son numéro de dossier et voit chaque étape, le "
            "service qui le traite et la date prévue, alimentée par notre logiciel de gestion des "
            "demandes.",
            "Afficher pendant deux mois l'état des demandes de carte de stationnement résidentiel "
            "et compter les appels de suivi reçus par le service.",
        ),
        "waste-routes": IdeaText(
            "Des tournées de collecte des déchets plus intelligentes",
            "Les bennes suivent chaque semaine les mêmes tournées fixes, que les conteneurs "
            "soient pleins ou à moitié vides, ce qui consomme du carburant et des heures de "
            "travail.",
            "Des capteurs de remplissage dans les plus grands conteneurs et un logiciel qui "
            "planifie chaque jour la tournée en fonction des conteneurs réellement pleins.",
            "Équiper de capteurs quarante conteneurs d'un quartier, planifier les tournées avec "
            "le logiciel pendant deux mois et comparer les kilomètres parcourus et les conteneurs "
            "qui débordent.",
        ),
        "energy-monitoring": IdeaText(
            "Suivi de l'énergie dans les bâtiments municipaux",
            "Nous payons les factures d'énergie de nos bâtiments sans savoir quel bâtiment, quel "
            "étage ou quel équipement gaspille ; les pannes ne se voient qu'à l'arrivée de la "
            "facture.",
            "Des compteurs communicants dans les principaux bâtiments, reliés à un tableau de "
            "bord simple qui montre la consommation heure par heure et alerte quand un bâtiment "
            "consomme la nuit ou le week-end.",
            "Installer des compteurs à l'hôtel de ville et dans deux écoles pendant deux mois, "
            "corriger les trois plus gros gaspillages repérés et mesurer les kWh économisés.",
        ),
        "led-sensors": IdeaText(
            "Éclairage LED et détecteurs de présence dans les bureaux",
            "Les lumières des couloirs, des sanitaires et des salles de réunion restent allumées "
            "toute la journée, souvent toute la nuit, même dans les pièces que personne "
            "n'utilise.",
            "Remplacer les anciens luminaires par des LED et ajouter des détecteurs de présence "
            "et de luminosité, en commençant par les pièces les moins utilisées.",
            "Équiper un étage du bâtiment administratif, mesurer sa consommation pendant un mois "
            "et la comparer à celle d'un étage identique.",
        ),
        "e-bikes": IdeaText(
            "Des vélos électriques pour les courts déplacements professionnels",
            "Des collègues prennent la voiture ou le taxi pour deux ou trois kilomètres dans le "
            "centre et passent souvent plus de temps à chercher une place qu'à rouler.",
            "Une petite flotte de vélos à assistance électrique, avec casques et sacoches, "
            "réservables comme les véhicules de service, pour les trajets en ville.",
            "Mettre quatre vélos électriques à disposition de deux services pendant deux mois et "
            "compter les trajets en voiture et en taxi qu'ils remplacent.",
        ),
        "reuse-platform": IdeaText(
            "Une plateforme de réemploi pour le mobilier et le matériel de bureau",
            "Des services achètent des chaises, armoires et écrans neufs pendant que d'autres "
            "stockent les leurs, inutilisés, en sous-sol, et le vieux matériel finit à la benne.",
            "Une bourse interne sur l'intranet où les services proposent et demandent du mobilier "
            "et du matériel avant tout nouvel achat.",
            "Inventorier les réserves de deux bâtiments, publier les objets pendant six semaines "
            "et compter les achats évités.",
        ),
    },
)

FR_CITY = CityTexts(
    people=[
        ("Camille", "Martin", "digital"), ("Julien", "Bernard", "finance"),
        ("Sophie", "Dubois", "human-resources"), ("Nicolas", "Lefèvre", "urban-planning"),
        ("Élodie", "Moreau", "social"), ("Thomas", "Girard", "digital"),
        ("Claire", "Fontaine", "finance"), ("Mathieu", "Rousseau", "urban-planning"),
    ],
    evaluators=[("Isabelle", "Laurent", "urban-planning"), ("Antoine", "Mercier", "digital")],
    milestones=[
        "Pilote dans un service",
        "Formation des agents concernés",
        "Déploiement dans tous les services",
        "Bilan présenté au comité",
    ],
    updates=[
        "Le pilote est terminé : l'équipe utilise la nouvelle méthode tous les jours et les "
        "premiers retours sont très positifs.",
        "Les premiers mois confirment les économies prévues ; nous étendons maintenant la "
        "solution aux autres services.",
        "Le déploiement prend du retard : nous attendons que la direction informatique configure "
        "les derniers comptes. Nouvelle date dans la prochaine mise à jour.",
    ],
    comments=[
        "Excellente idée ! Nous avons exactement le même problème dans notre service et "
        "participerions volontiers au test.",
        "Avez-vous vérifié avec la DSI si nous avons déjà une licence utilisable pour cela ?",
        "Merci ! Nous avons vu avec la DSI : la licence existante couvre le test, le MVP ne coûte "
        "donc presque rien.",
        "Comment allez-vous mesurer les économies ? Une comparaison avec l'an dernier "
        "renforcerait la proposition.",
    ],
    selected=[
        "Retenue : problème clair, MVP réaliste et économies que le comité juge bien documentées.",
        "Retenue : l'idée peut être mise en œuvre rapidement avec les outils existants et profite "
        "à de nombreux collègues.",
    ],
    not_selected=[
        "Non retenue cette fois : l'idée est intéressante, mais l'estimation des économies n'est "
        "pas étayée par des chiffres. Nous vous encourageons à réunir des données et à la "
        "présenter de nouveau.",
        "Non retenue : une solution proche est déjà prévue dans le schéma directeur informatique "
        "de l'an prochain ; le comité vous propose de rejoindre l'équipe de ce projet.",
    ],
    ineligible=(
        "Non recevable : la proposition recoupe un projet déjà inscrit au budget de cette année ; "
        "le comité l'a transmise à l'équipe du projet."
    ),
    scorecard_comments=[
        "Problème clair et MVP réaliste ; les économies semblent bien estimées.",
        "Bonne idée, mais l'estimation des économies paraît optimiste.",
        "Utile à beaucoup de collègues ; nécessite l'appui de la DSI.",
        "Intéressante, mais difficile à étendre au-delà d'un service.",
    ],
    savings_note="Chiffres vérifiés avec la direction des finances.",
)

# --- Spanish (Murcia) --------------------------------------------------------------------------

ES = Texts(
    themes={
        "processes": "Optimización de procesos",
        "communication": "Comunicación",
        "services": "Calidad de los servicios",
        "sustainability": "Sostenibilidad",
    },
    calls={
        "past": CallText(
            "Menos papel, menos esperas: procesos internos más sencillos",
            "Las autorizaciones, solicitudes e informes siguen circulando en papel entre oficinas "
            "y esperan días encima de las mesas. ¿Cómo podemos hacer nuestros procesos internos "
            "más rápidos y baratos sin cargar de trabajo a los compañeros?",
            "Puede participar cualquier persona de la plantilla o cualquier equipo. La idea debe "
            "referirse a un proceso interno y contar con un MVP que pueda probarse en un máximo "
            "de tres meses.",
        ),
        "evaluation": CallText(
            "Más cerca de la ciudadanía: servicios públicos más claros y rápidos",
            "La ciudadanía nos llama, hace cola y nos escribe para obtener respuestas que podría "
            "conseguir más rápido. ¿Cómo hacemos nuestros servicios más accesibles y "
            "comprensibles, y liberamos al personal de atención para los casos que de verdad lo "
            "necesitan?",
            "Abierta a toda la plantilla. Las propuestas deben mejorar un servicio que usa la "
            "ciudadanía y poder probarse con los sistemas actuales del Ayuntamiento o con un "
            "presupuesto reducido.",
        ),
        "open": CallText(
            "Un ayuntamiento más verde",
            "Nuestros edificios, vehículos y oficinas consumen cada día energía, papel y "
            "materiales. ¿Qué pequeños cambios reducirían nuestra huella y nuestras facturas, y "
            "pueden probarse primero en un solo edificio o equipo?",
            "Abierta a toda la plantilla, de forma individual o en equipo. Cada propuesta "
            "necesita un objetivo medible (kWh, litros, kilos o euros) y un MVP de dos meses como "
            "máximo.",
        ),
    },
    criteria=[
        (
            "Ahorro",
            "Dinero y horas de trabajo que la idea ahorra cada año, y solidez de la estimación.",
        ),
        (
            "Viabilidad",
            "¿Se puede llevar a cabo con nuestro personal, sistemas y presupuesto, y es realista "
            "el MVP?",
        ),
        (
            "Beneficio para la ciudadanía y la plantilla",
            "Cuántas personas salen ganando y cuánto mejora su trabajo o su experiencia diaria.",
        ),
        (
            "Innovación",
            "Lo novedosa que es la idea para nuestro Ayuntamiento y si otros servicios podrían "
            "reutilizarla.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Firma electrónica para las autorizaciones internas",
            "Cada solicitud de compra y cada petición de vacaciones se imprime, la firman tres o "
            "cuatro personas y va de planta en planta. Una solicitud sencilla tarda de media ocho "
            "días hábiles y se pierden documentos.",
            "Usar la firma electrónica cualificada en el gestor documental, con un circuito de "
            "aprobación que envía cada solicitud automáticamente al siguiente firmante y guarda "
            "todo el historial.",
            "Aplicar el circuito a los contratos menores de un solo servicio durante seis semanas "
            "y comparar el tiempo de tramitación y el papel consumido con el trimestre anterior.",
        ),
        "room-booking": IdeaText(
            "Reserva compartida de salas de reuniones",
            "Cada servicio lleva su propia agenda en papel para su sala de reuniones. Los "
            "compañeros llaman a todas partes buscando una sala libre; unas se quedan vacías "
            "mientras otras se reservan dos veces.",
            "Publicar todas las salas de reuniones en el calendario compartido de la suite "
            "ofimática, con su aforo y equipamiento, para que cualquiera reserve una sala libre "
            "en pocos clics; las reservas que no se usan se liberan a los 15 minutos.",
            "Añadir las ocho salas del edificio principal al calendario compartido durante un mes "
            "y contar reservas, ausencias y llamadas a conserjería.",
        ),
        "hr-onboarding": IdeaText(
            "Incorporación sin papel del personal nuevo",
            "Una persona recién incorporada rellena hasta doce formularios en papel, entrega "
            "varias veces copias de los mismos documentos y a menudo espera una semana para tener "
            "usuario, tarjeta y puesto.",
            "Un expediente único de incorporación en línea: la persona sube sus documentos una "
            "sola vez, Recursos Humanos, Informática y Mantenimiento reciben sus tareas con "
            "plazo, y la jefatura ve lo que falta.",
            "Usar el expediente en línea con todas las incorporaciones de un trimestre y medir "
            "los días que pasan hasta que tienen todo lo necesario para trabajar.",
        ),
        "print-reduction": IdeaText(
            "Imprimir menos: impresión segura y a doble cara por defecto",
            "Tenemos más de cien impresoras individuales; la mitad de las páginas impresas nunca "
            "se recogen y cada oficina compra el tóner por su cuenta.",
            "Sustituir las impresoras individuales por equipos multifunción compartidos, liberar "
            "los trabajos con la tarjeta de empleado, imprimir por defecto a doble cara y en "
            "blanco y negro, y mostrar a cada servicio su consumo mensual.",
            "Retirar las impresoras individuales de una planta, instalar dos equipos compartidos "
            "y comparar durante dos meses las páginas impresas y el tóner comprado.",
        ),
        "e-invoices": IdeaText(
            "Circuito automático de facturas de proveedores",
            "Las facturas llegan por correo postal y electrónico, se teclean a mano y esperan su "
            "conformidad en la bandeja equivocada; los retrasos en el pago nos cuestan intereses "
            "de demora y la confianza de los proveedores.",
            "Recibir las facturas en un único buzón, leerlas automáticamente, cruzarlas con el "
            "pedido y enviarlas a conformar a la persona responsable del gasto en el programa de "
            "contabilidad.",
            "Tramitar durante dos meses las facturas de los diez principales proveedores con el "
            "nuevo circuito y medir los errores de grabación y los días hasta el pago.",
        ),
        "service-cars": IdeaText(
            "Vehículos municipales compartidos con reserva en línea",
            "Cada servicio tiene sus propios vehículos; algunos hacen menos de 2.000 km al año "
            "mientras el personal de servicios sociales espera un coche para visitar a las "
            "familias.",
            "Reunir todos los vehículos en una flota común con reserva en línea y cuaderno de "
            "ruta digital, y dar de baja los que la flota no necesite.",
            "Compartir los vehículos de tres servicios durante dos meses, registrar cada trayecto "
            "y medir cuántos coches hacen falta de verdad.",
        ),
        "newsletter": IdeaText(
            "Un boletín semanal en lugar de los tablones de anuncios",
            "Las noticias para la plantilla se cuelgan en tablones o se envían en largas "
            "circulares por correo; los compañeros que trabajan en la calle se pierden decisiones "
            "que les afectan.",
            "Un boletín digital breve y semanal, fácil de leer en el móvil, con noticias de cada "
            "servicio, vacantes y cursos, escrito por una red de corresponsales.",
            "Publicar ocho números, medir la tasa de apertura y preguntar a quienes lo leen, en "
            "una breve encuesta, si se sienten mejor informados.",
        ),
        "chatbot": IdeaText(
            "Un chatbot para las preguntas frecuentes de la ciudadanía",
            "El teléfono de atención responde todo el día a las mismas veinte preguntas: "
            "horarios, qué hace falta para empadronarse, cómo pagar los impuestos municipales. "
            "Quien llama espera hasta quince minutos.",
            "Un chatbot en la web municipal y en las aplicaciones de mensajería que responde en "
            "lenguaje sencillo a las preguntas frecuentes a partir de nuestras propias páginas y "
            "pasa la conversación a una persona cuando no sabe ayudar.",
            "Entrenar el chatbot con las cincuenta preguntas más frecuentes sobre impuestos "
            "municipales, usarlo un mes y comparar llamadas y tiempos de espera con el mismo mes "
            "del año anterior.",
        ),
        "open-permits": IdeaText(
            "Datos abiertos sobre licencias de obra",
            "Arquitectos, vecinos y periodistas presentan solicitudes por escrito para saber en "
            "qué estado están las licencias de obra; cada respuesta le lleva a un técnico una "
            "media hora.",
            "Publicar el registro de licencias de obra como datos abiertos, actualizado cada "
            "noche, con búsqueda por dirección y un mapa en el portal de datos abiertos del "
            "Ayuntamiento.",
            "Publicar las licencias de los dos últimos años de un barrio y contar las solicitudes "
            "de información antes y después.",
        ),
        "appointments": IdeaText(
            "Cita previa en línea en la oficina de atención a la ciudadanía",
            "La gente hace cola por la mañana para coger número en la oficina de atención; muchas "
            "personas se van sin ser atendidas y vuelven otro día.",
            "Permitir reservar una franja horaria por internet o por teléfono, enviar un "
            "recordatorio el día anterior y guardar algunos huecos para quien venga sin cita.",
            "Ofrecer durante seis semanas cita previa en línea para el empadronamiento en un "
            "mostrador y medir el tiempo de espera y cuántas personas tienen que volver.",
        ),
        "plain-language": IdeaText(
            "Cartas a la ciudadanía en lenguaje claro",
            "Nuestras cartas tipo están llenas de referencias legales; la gente llama o viene al "
            "mostrador solo para entender qué le pedimos.",
            "Reescribir en lenguaje claro los veinte modelos de carta más usados, con un recuadro "
            "«Qué tiene que hacer», y probarlos con vecinos antes de usarlos.",
            "Reescribir tres cartas sobre ayudas sociales, enviarlas durante dos meses y comparar "
            "el número de llamadas posteriores.",
        ),
        "sms-reminders": IdeaText(
            "Recordatorios por SMS antes de los plazos",
            "Muchas familias pierden una ayuda o pagan un recargo porque olvidan renovar un "
            "documento o pagar a tiempo.",
            "Enviar gratis un SMS o un correo unos días antes del plazo a quien acepte recibirlo, "
            "con un enlace para hacer el trámite en línea.",
            "Enviar recordatorios para la renovación de una ayuda social durante tres meses y "
            "comparar el porcentaje de renovaciones fuera de plazo con el año anterior.",
        ),
        "application-tracker": IdeaText(
            "Consulta en línea del estado del expediente",
            "La ciudadanía no sabe en qué punto está su solicitud, así que llama a varios "
            "servicios y el personal pierde tiempo buscando expedientes.",
            "Una página donde se introduce el número de expediente y se ve cada paso, quién lo "
            "tramita y la fecha prevista, alimentada por nuestro gestor de expedientes.",
            "Mostrar durante dos meses el estado de las solicitudes de tarjeta de aparcamiento "
            "para residentes y contar las llamadas de consulta que recibe el servicio.",
        ),
        "waste-routes": IdeaText(
            "Rutas más inteligentes para la recogida de residuos",
            "Los camiones de recogida siguen cada semana las mismas rutas fijas, estén los "
            "contenedores llenos o medio vacíos, gastando combustible y horas de trabajo.",
            "Sensores de llenado en los contenedores más grandes y un programa de planificación "
            "que organiza cada día la ruta según los contenedores que de verdad están llenos.",
            "Instalar sensores en cuarenta contenedores de un barrio, planificar las rutas con el "
            "programa durante dos meses y comparar los kilómetros recorridos y los contenedores "
            "desbordados.",
        ),
        "energy-monitoring": IdeaText(
            "Control energético de los edificios municipales",
            "Pagamos las facturas de energía de nuestros edificios sin saber qué edificio, planta "
            "o equipo derrocha; las averías solo se descubren cuando llega la factura.",
            "Contadores inteligentes en los edificios principales, conectados a un panel sencillo "
            "que muestra el consumo por horas y avisa cuando un edificio consume de noche o en "
            "fin de semana.",
            "Instalar contadores en la Casa Consistorial y en dos colegios durante dos meses, "
            "corregir los tres mayores derroches detectados y medir los kWh ahorrados.",
        ),
        "led-sensors": IdeaText(
            "Iluminación LED con sensores de presencia en las oficinas",
            "Las luces de pasillos, aseos y salas de reuniones están encendidas todo el día y a "
            "menudo toda la noche, también en espacios que nadie usa.",
            "Sustituir las lámparas antiguas por LED y añadir sensores de presencia y de luz "
            "natural, empezando por los espacios menos utilizados.",
            "Equipar una planta del edificio administrativo, medir su consumo durante un mes y "
            "compararlo con el de una planta idéntica.",
        ),
        "e-bikes": IdeaText(
            "Bicicletas eléctricas para los desplazamientos cortos de trabajo",
            "Hay compañeros que cogen el coche o un taxi para recorrer dos o tres kilómetros por "
            "el centro y tardan más en aparcar que en llegar.",
            "Una pequeña flota de bicicletas eléctricas con cascos y alforjas, que se reservan "
            "como los vehículos municipales, para los desplazamientos por la ciudad.",
            "Poner cuatro bicicletas eléctricas a disposición de dos servicios durante dos meses "
            "y contar los viajes en coche y taxi que sustituyen.",
        ),
        "reuse-platform": IdeaText(
            "Una plataforma de reutilización de mobiliario y material de oficina",
            "Unos servicios compran sillas, armarios y pantallas nuevos mientras otros guardan en "
            "sótanos los que no usan, y el material viejo acaba en el contenedor.",
            "Un mercadillo interno en la intranet donde los servicios ofrecen y piden mobiliario "
            "y material antes de comprar nada nuevo.",
            "Inventariar los almacenes de dos edificios, publicar los objetos durante seis "
            "semanas y contar las compras evitadas.",
        ),
    },
)

ES_CITY = CityTexts(
    people=[
        ("Lucía", "García", "digital"), ("Javier", "Martínez", "finance"),
        ("Carmen", "López", "human-resources"), ("Alejandro", "Sánchez", "urban-planning"),
        ("Marta", "Fernández", "social"), ("Pablo", "Ruiz", "digital"),
        ("Elena", "Navarro", "finance"), ("Sergio", "Moreno", "urban-planning"),
    ],
    evaluators=[("Pilar", "Jiménez", "urban-planning"), ("Álvaro", "Romero", "digital")],
    milestones=[
        "Piloto en un servicio",
        "Formación del personal implicado",
        "Implantación en todos los servicios",
        "Informe de evaluación para el comité",
    ],
    updates=[
        "El piloto ha terminado: el equipo usa la nueva forma de trabajar a diario y las primeras "
        "opiniones son muy positivas.",
        "Los primeros meses confirman el ahorro previsto; ahora extendemos la solución al resto "
        "de servicios.",
        "La implantación va con retraso: estamos esperando a que Informática configure las "
        "últimas cuentas. Daremos una nueva fecha en la próxima actualización.",
    ],
    comments=[
        "¡Muy buena idea! En nuestro servicio tenemos exactamente el mismo problema y "
        "participaríamos encantados en la prueba.",
        "¿Habéis comprobado con Informática si ya tenemos alguna licencia que sirva para esto?",
        "¡Gracias! Hemos hablado con Informática: la licencia actual cubre la prueba, así que el "
        "MVP no cuesta casi nada.",
        "¿Cómo vais a medir el ahorro? Comparar con los datos del año pasado reforzaría la "
        "propuesta.",
    ],
    selected=[
        "Seleccionada: problema claro, MVP realista y un ahorro que el comité considera bien "
        "documentado.",
        "Seleccionada: la idea puede implantarse rápido con las herramientas existentes y "
        "beneficia a muchos compañeros.",
    ],
    not_selected=[
        "No seleccionada esta vez: la idea es interesante, pero la estimación de ahorro no se "
        "apoya en datos. Os animamos a reunir cifras y presentarla de nuevo.",
        "No seleccionada: ya hay una solución parecida prevista en el plan de Informática del año "
        "que viene; el comité os propone uniros al equipo de ese proyecto.",
    ],
    ineligible=(
        "No admitida: la propuesta coincide con un proyecto ya incluido en el presupuesto de este "
        "año; el comité la ha remitido al equipo del proyecto."
    ),
    scorecard_comments=[
        "Problema claro y MVP realista; el ahorro parece bien estimado.",
        "Buena idea, pero la estimación de ahorro parece optimista.",
        "Útil para muchos compañeros; necesita el apoyo de Informática.",
        "Interesante, pero será difícil extenderla más allá de un servicio.",
    ],
    savings_note="Cifras comprobadas con el servicio de Hacienda.",
)

# --- Portuguese (Porto) ------------------------------------------------------------------------

PT = Texts(
    themes={
        "processes": "Otimização de processos",
        "communication": "Comunicação",
        "services": "Qualidade dos serviços",
        "sustainability": "Sustentabilidade",
    },
    calls={
        "past": CallText(
            "Menos papel, menos espera: processos internos mais simples",
            "Aprovações, pedidos e relatórios ainda circulam em papel entre gabinetes e ficam "
            "dias em cima das secretárias. Como podemos tornar os nossos processos internos mais "
            "rápidos e baratos sem dar mais trabalho aos colegas?",
            "Pode participar qualquer trabalhador ou equipa. A ideia tem de incidir sobre um "
            "processo interno e ter um MVP que possa ser testado em três meses, no máximo.",
        ),
        "evaluation": CallText(
            "Mais perto dos munícipes: serviços públicos mais claros e mais rápidos",
            "Os munícipes telefonam, esperam em filas e escrevem-nos para obter respostas que "
            "poderiam ter mais depressa. Como tornar os nossos serviços mais acessíveis e "
            "compreensíveis e libertar o pessoal do atendimento para os casos que realmente "
            "precisam dele?",
            "Aberto a todos os trabalhadores. As propostas devem melhorar um serviço usado pelos "
            "munícipes e poder ser testadas com os sistemas atuais da Câmara ou com um orçamento "
            "reduzido.",
        ),
        "open": CallText(
            "Uma Câmara mais verde",
            "Os nossos edifícios, viaturas e gabinetes consomem todos os dias energia, papel e "
            "materiais. Que pequenas mudanças reduziriam a nossa pegada e as nossas faturas, e "
            "podem ser testadas primeiro num só edifício ou numa só equipa?",
            "Aberto a todos os trabalhadores, individualmente ou em equipa. Cada proposta precisa "
            "de uma meta mensurável (kWh, litros, quilos ou euros) e de um MVP com dois meses, no "
            "máximo.",
        ),
    },
    criteria=[
        (
            "Poupança",
            "Dinheiro e horas de trabalho que a ideia poupa por ano, e a solidez da estimativa.",
        ),
        (
            "Exequibilidade",
            "Pode ser feita com as nossas pessoas, sistemas e orçamento, e o MVP é realista?",
        ),
        (
            "Benefício para munícipes e colegas",
            "Quantas pessoas ganham com a ideia e quanto melhora o seu trabalho ou a sua "
            "experiência diária.",
        ),
        (
            "Inovação",
            "Quão nova é a ideia para a nossa Câmara e se outros serviços a poderiam reutilizar.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Assinatura digital para aprovações internas",
            "Cada pedido de compra e cada pedido de férias é impresso, assinado por três ou "
            "quatro pessoas e levado de piso em piso. Um pedido simples demora em média oito dias "
            "úteis e há documentos que se perdem.",
            "Usar a assinatura eletrónica qualificada no sistema de gestão documental, com um "
            "circuito de aprovação que envia automaticamente cada pedido ao signatário seguinte e "
            "guarda todo o histórico.",
            "Aplicar o circuito às pequenas compras de um único serviço durante seis semanas e "
            "comparar o tempo de tramitação e o papel gasto com o trimestre anterior.",
        ),
        "room-booking": IdeaText(
            "Reserva partilhada de salas de reunião",
            "Cada serviço mantém a sua própria agenda em papel para a sala de reuniões. Os "
            "colegas telefonam para todo o lado à procura de uma sala livre; umas ficam vazias "
            "enquanto outras são reservadas duas vezes.",
            "Publicar todas as salas de reunião no calendário partilhado do pacote de escritório, "
            "com a lotação e o equipamento, para que qualquer pessoa reserve uma sala livre em "
            "poucos cliques; as reservas não usadas são libertadas ao fim de 15 minutos.",
            "Incluir as oito salas do edifício principal no calendário partilhado durante um mês "
            "e contar reservas, faltas e chamadas para a receção.",
        ),
        "hr-onboarding": IdeaText(
            "Acolhimento sem papel de novos trabalhadores",
            "Um novo colega preenche até doze formulários em papel, entrega várias vezes cópias "
            "dos mesmos documentos e espera muitas vezes uma semana por conta informática, cartão "
            "e posto de trabalho.",
            "Um processo único de acolhimento online: o novo trabalhador carrega os documentos "
            "uma só vez, os recursos humanos, a informática e a logística recebem as suas tarefas "
            "com prazo e a chefia vê o que ainda falta.",
            "Usar o processo online para todas as entradas de um trimestre e medir quantos dias "
            "passam até os novos colegas terem tudo o que precisam para trabalhar.",
        ),
        "print-reduction": IdeaText(
            "Imprimir menos: impressão segura e frente e verso por defeito",
            "Temos mais de cem impressoras individuais; metade das páginas impressas nunca é "
            "levantada e cada gabinete compra o seu toner em separado.",
            "Substituir as impressoras individuais por multifunções partilhadas, libertar as "
            "impressões com o cartão de trabalhador, imprimir por defeito em frente e verso e a "
            "preto e branco, e mostrar a cada serviço o seu consumo mensal.",
            "Retirar as impressoras individuais de um piso, instalar dois equipamentos "
            "partilhados e comparar durante dois meses as páginas impressas e o toner comprado.",
        ),
        "e-invoices": IdeaText(
            "Circuito automático das faturas de fornecedores",
            "As faturas chegam por correio e por e-mail, são introduzidas à mão e esperam "
            "aprovação na caixa errada; os atrasos de pagamento custam-nos juros de mora e a "
            "confiança dos fornecedores.",
            "Receber as faturas numa única caixa, lê-las automaticamente, conferi-las com a nota "
            "de encomenda e enviá-las para aprovação ao responsável orçamental certo no sistema "
            "financeiro.",
            "Tratar durante dois meses as faturas dos dez maiores fornecedores pelo novo circuito "
            "e acompanhar os erros de introdução e os dias até ao pagamento.",
        ),
        "service-cars": IdeaText(
            "Viaturas de serviço partilhadas com reserva online",
            "Cada serviço tem as suas próprias viaturas; algumas fazem menos de 2000 km por ano, "
            "enquanto os técnicos de ação social esperam por um carro para visitar as famílias.",
            "Juntar todas as viaturas de serviço numa frota comum, com reserva online e diário de "
            "bordo digital, e abater aquelas de que a frota não precisa.",
            "Partilhar as viaturas de três serviços durante dois meses, registar cada deslocação "
            "e medir quantos carros são realmente necessários.",
        ),
        "newsletter": IdeaText(
            "Uma newsletter semanal em vez dos placards",
            "As notícias para os trabalhadores são afixadas em placards ou enviadas em longas "
            "circulares por e-mail; os colegas que trabalham no terreno perdem decisões que lhes "
            "dizem respeito.",
            "Uma newsletter digital curta e semanal, fácil de ler no telemóvel, com notícias de "
            "cada serviço, vagas e formações, escrita por uma rede de correspondentes.",
            "Publicar oito números, medir a taxa de abertura e perguntar aos leitores, num "
            "inquérito curto, se se sentem mais bem informados.",
        ),
        "chatbot": IdeaText(
            "Um chatbot para as perguntas frequentes dos munícipes",
            "A linha de atendimento responde todo o dia às mesmas vinte perguntas: horários, "
            "documentos necessários, como pagar as taxas municipais. Quem liga espera até quinze "
            "minutos.",
            "Um chatbot no site da Câmara e nas aplicações de mensagens que responde em linguagem "
            "simples às perguntas frequentes, a partir das nossas próprias páginas, e passa a "
            "conversa a uma pessoa quando não consegue ajudar.",
            "Treinar o chatbot com as cinquenta perguntas mais frequentes sobre taxas municipais, "
            "usá-lo durante um mês e comparar chamadas e tempos de espera com o mesmo mês do ano "
            "passado.",
        ),
        "open-permits": IdeaText(
            "Dados abertos sobre licenças de obras",
            "Arquitetos, vizinhos e jornalistas fazem pedidos escritos para saber em que ponto "
            "estão as licenças de obras; cada resposta ocupa um técnico durante cerca de meia "
            "hora.",
            "Publicar o registo das licenças de obras em dados abertos, atualizado todas as "
            "noites, com pesquisa por morada e mapa no portal de dados abertos da cidade.",
            "Publicar as licenças dos últimos dois anos de uma freguesia e contar os pedidos de "
            "informação antes e depois.",
        ),
        "appointments": IdeaText(
            "Marcação online no balcão de atendimento",
            "Os munícipes fazem fila de manhã para tirar senha no balcão de atendimento; muitos "
            "vão embora sem serem atendidos e voltam noutro dia.",
            "Permitir marcar um horário online ou por telefone, enviar um lembrete na véspera e "
            "manter algumas vagas para quem chega sem marcação.",
            "Disponibilizar durante seis semanas a marcação online para um serviço muito "
            "procurado num balcão e medir o tempo de espera e quantas pessoas têm de voltar.",
        ),
        "plain-language": IdeaText(
            "Cartas aos munícipes em linguagem clara",
            "As nossas cartas-tipo estão cheias de referências legais; as pessoas telefonam ou "
            "vêm ao balcão só para perceber o que lhes pedimos.",
            "Reescrever em linguagem clara os vinte modelos de carta mais usados, com uma caixa "
            "«O que precisa de fazer», e testá-los com munícipes antes de serem usados.",
            "Reescrever três cartas sobre apoios sociais, enviá-las durante dois meses e comparar "
            "o número de chamadas que se seguem.",
        ),
        "sms-reminders": IdeaText(
            "Lembretes por SMS antes dos prazos",
            "Muitas famílias perdem um apoio ou pagam uma coima porque se esquecem de renovar um "
            "documento ou de pagar a tempo.",
            "Enviar gratuitamente um SMS ou e-mail alguns dias antes do prazo a quem aceitar "
            "recebê-lo, com uma ligação para tratar do assunto online.",
            "Enviar lembretes para a renovação de um apoio social durante três meses e comparar a "
            "percentagem de renovações fora de prazo com o ano anterior.",
        ),
        "application-tracker": IdeaText(
            "Acompanhar o processo online",
            "Os munícipes não sabem em que ponto está o seu pedido, por isso telefonam para "
            "vários serviços e os trabalhadores perdem tempo à procura dos processos.",
            "Uma página onde se introduz o número do processo e se vê cada etapa, quem o está a "
            "tratar e a data prevista, alimentada pelo nosso sistema de gestão de processos.",
            "Mostrar durante dois meses o estado dos pedidos de cartão de estacionamento de "
            "residente e contar as chamadas a pedir informação recebidas pelo serviço.",
        ),
        "waste-routes": IdeaText(
            "Circuitos mais inteligentes para a recolha de resíduos",
            "Os camiões de recolha fazem todas as semanas os mesmos circuitos fixos, estejam os "
            "contentores cheios ou meio vazios, gastando combustível e horas de trabalho.",
            "Sensores de enchimento nos maiores contentores e um programa que planeia todos os "
            "dias o circuito em função dos contentores que estão mesmo cheios.",
            "Instalar sensores em quarenta contentores de um bairro, planear os circuitos com o "
            "programa durante dois meses e comparar os quilómetros percorridos e os contentores a "
            "transbordar.",
        ),
        "energy-monitoring": IdeaText(
            "Monitorização da energia nos edifícios municipais",
            "Pagamos as faturas de energia dos nossos edifícios sem saber que edifício, piso ou "
            "equipamento desperdiça; as avarias só se descobrem quando chega a fatura.",
            "Contadores inteligentes nos principais edifícios, ligados a um painel simples que "
            "mostra o consumo hora a hora e envia alertas quando um edifício consome de noite ou "
            "ao fim de semana.",
            "Instalar contadores nos Paços do Concelho e em duas escolas durante dois meses, "
            "corrigir os três maiores desperdícios encontrados e medir os kWh poupados.",
        ),
        "led-sensors": IdeaText(
            "Iluminação LED com sensores de presença nos gabinetes",
            "As luzes dos corredores, casas de banho e salas de reunião ficam acesas todo o dia e "
            "muitas vezes toda a noite, mesmo em espaços que ninguém usa.",
            "Substituir as lâmpadas antigas por LED e acrescentar sensores de presença e de luz "
            "natural, começando pelos espaços menos usados.",
            "Equipar um piso do edifício administrativo, medir o seu consumo durante um mês e "
            "compará-lo com o de um piso idêntico.",
        ),
        "e-bikes": IdeaText(
            "Bicicletas elétricas para deslocações curtas em serviço",
            "Há colegas que usam o carro ou o táxi para fazer dois ou três quilómetros no centro "
            "e demoram mais a estacionar do que a chegar.",
            "Uma pequena frota de bicicletas elétricas, com capacetes e alforges, reservadas como "
            "as viaturas de serviço, para as deslocações dentro da cidade.",
            "Pôr quatro bicicletas elétricas à disposição de dois serviços durante dois meses e "
            "contar as viagens de carro e de táxi que substituem.",
        ),
        "reuse-platform": IdeaText(
            "Uma plataforma de reutilização de mobiliário e equipamento de escritório",
            "Há serviços que compram cadeiras, armários e monitores novos enquanto outros guardam "
            "em caves os que não usam, e o material antigo acaba no lixo.",
            "Um mercado interno na intranet onde os serviços oferecem e pedem mobiliário e "
            "equipamento antes de comprar qualquer coisa nova.",
            "Inventariar os armazéns de dois edifícios, publicar os artigos durante seis semanas "
            "e contar as compras evitadas.",
        ),
    },
)

PT_CITY = CityTexts(
    people=[
        ("Inês", "Ferreira", "digital"), ("João", "Silva", "finance"),
        ("Mariana", "Costa", "human-resources"), ("Rui", "Pereira", "urban-planning"),
        ("Catarina", "Sousa", "social"), ("Tiago", "Oliveira", "digital"),
        ("Beatriz", "Santos", "finance"), ("Pedro", "Martins", "urban-planning"),
    ],
    evaluators=[("Helena", "Carvalho", "urban-planning"), ("Miguel", "Gonçalves", "digital")],
    milestones=[
        "Piloto num serviço",
        "Formação dos trabalhadores envolvidos",
        "Alargamento a todos os serviços",
        "Relatório de avaliação para o júri",
    ],
    updates=[
        "O piloto terminou: a equipa usa a nova forma de trabalhar todos os dias e as primeiras "
        "reações são muito positivas.",
        "Os primeiros meses confirmam a poupança prevista; vamos agora alargar a solução aos "
        "restantes serviços.",
        "O alargamento está atrasado: estamos à espera de que a informática configure as últimas "
        "contas. Daremos uma nova data na próxima atualização.",
    ],
    comments=[
        "Excelente ideia! No nosso serviço temos exatamente o mesmo problema e teríamos todo o "
        "gosto em participar no teste.",
        "Já verificaram com a informática se temos alguma licença que possa ser usada para isto?",
        "Obrigado! Falámos com a informática: a licença atual cobre o teste, por isso o MVP quase "
        "não tem custos.",
        "Como vão medir a poupança? Uma comparação com os dados do ano passado tornaria a "
        "proposta mais forte.",
    ],
    selected=[
        "Selecionada: problema claro, MVP realista e uma poupança que o júri considera bem "
        "documentada.",
        "Selecionada: a ideia pode ser posta em prática rapidamente com as ferramentas existentes "
        "e beneficia muitos colegas.",
    ],
    not_selected=[
        "Não selecionada desta vez: a ideia é interessante, mas a estimativa de poupança não é "
        "sustentada por dados. Incentivamos a recolha de números e uma nova candidatura.",
        "Não selecionada: já está prevista uma solução semelhante no plano de informática do "
        "próximo ano; o júri sugere que se juntem à equipa desse projeto.",
    ],
    ineligible=(
        "Não admitida: a proposta sobrepõe-se a um projeto já inscrito no orçamento deste ano; o "
        "júri encaminhou-a para a equipa do projeto."
    ),
    scorecard_comments=[
        "Problema claro e MVP realista; a poupança parece bem estimada.",
        "Boa ideia, mas a estimativa de poupança parece otimista.",
        "Útil para muitos colegas; precisa do apoio da informática.",
        "Interessante, mas será difícil alargar para além de um serviço.",
    ],
    savings_note="Valores confirmados com a divisão financeira.",
)

# --- Hungarian (Veszprém) ----------------------------------------------------------------------

HU = Texts(
    themes={
        "processes": "Folyamatok optimalizálása",
        "communication": "Kommunikáció",
        "services": "Szolgáltatások minősége",
        "sustainability": "Fenntarthatóság",
    },
    calls={
        "past": CallText(
            "Kevesebb papír, kevesebb várakozás: egyszerűbb belső folyamatok",
            "Az engedélyek, kérelmek és jelentések még mindig papíron járnak irodáról irodára, és "
            "napokig várnak az asztalokon. Hogyan tehetjük gyorsabbá és olcsóbbá a belső "
            "folyamatainkat úgy, hogy a kollégáknak ne legyen több munkájuk?",
            "Bármely munkatárs vagy csapat pályázhat. Az ötletnek belső folyamatra kell "
            "vonatkoznia, és olyan MVP-t kell tartalmaznia, amely legfeljebb három hónap alatt "
            "kipróbálható.",
        ),
        "evaluation": CallText(
            "Közelebb a lakossághoz: érthetőbb és gyorsabb közszolgáltatások",
            "A lakosok telefonálnak, sorban állnak és írnak nekünk olyan válaszokért, amelyeket "
            "gyorsabban is megkaphatnának. Hogyan tehetjük szolgáltatásainkat könnyebben "
            "elérhetővé és érthetőbbé, hogy az ügyfélszolgálat munkatársai azokkal az ügyekkel "
            "foglalkozhassanak, amelyekben valóban szükség van rájuk?",
            "Minden munkatárs számára nyitott. A javaslatnak a lakosság által használt "
            "szolgáltatást kell javítania, és a hivatal meglévő rendszereivel vagy kis "
            "költségvetéssel kipróbálhatónak kell lennie.",
        ),
        "open": CallText(
            "Zöldebb városháza",
            "Épületeink, járműveink és irodáink minden nap energiát, papírt és anyagokat "
            "fogyasztanak. Milyen apró változtatásokkal csökkenthetnénk a környezeti "
            "terhelésünket és a számláinkat, amelyeket előbb egyetlen épületben vagy csapatban ki "
            "is próbálhatunk?",
            "Minden munkatárs számára nyitott, egyénileg vagy csapatban. Minden javaslathoz "
            "mérhető cél (kWh, liter, kilogramm vagy forint) és legfeljebb két hónapos MVP "
            "szükséges.",
        ),
    },
    criteria=[
        (
            "Megtakarítás",
            "Mennyi pénzt és munkaidőt takarít meg az ötlet évente, és mennyire megalapozott a "
            "becslés.",
        ),
        (
            "Megvalósíthatóság",
            "Megvalósítható-e a munkatársainkkal, rendszereinkkel és költségvetésünkkel, és "
            "reális-e az MVP?",
        ),
        (
            "Haszon a lakosoknak és a kollégáknak",
            "Hányan nyernek vele, és mennyit javul a mindennapi munkájuk vagy tapasztalatuk.",
        ),
        (
            "Innováció",
            "Mennyire új az ötlet a hivatalunk számára, és átvehetik-e más osztályok is.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Elektronikus aláírás a belső jóváhagyásokhoz",
            "Minden beszerzési igényt és szabadságkérelmet kinyomtatunk, három-négy ember "
            "aláírja, és emeletről emeletre hordjuk. Egy egyszerű kérelem átlagosan nyolc "
            "munkanapig tart, és iratok vesznek el.",
            "Minősített elektronikus aláírás az iratkezelő rendszerben, olyan jóváhagyási "
            "folyamattal, amely minden kérelmet automatikusan továbbít a következő aláírónak, és "
            "a teljes előzményt megőrzi.",
            "Hat hétig egyetlen osztály kisebb beszerzéseit visszük végig az új folyamaton, és "
            "összevetjük az ügyintézési időt és a papírfelhasználást az előző negyedévvel.",
        ),
        "room-booking": IdeaText(
            "Közös tárgyalófoglalás",
            "Minden osztály saját papírnaptárt vezet a tárgyalójához. A kollégák "
            "körbetelefonálnak, hogy szabad termet találjanak; egyes termek üresen állnak, "
            "másokat kétszer foglalnak le.",
            "Az összes tárgyalót közzétesszük az irodai programcsomag közös naptárában a "
            "befogadóképességgel és a felszereltséggel együtt, így bárki néhány kattintással "
            "lefoglalhat egy szabad termet; a fel nem használt foglalások 15 perc után "
            "automatikusan felszabadulnak.",
            "Egy hónapig a főépület nyolc tárgyalóját vesszük fel a közös naptárba, és számoljuk "
            "a foglalásokat, az elmaradt megbeszéléseket és a portára érkező hívásokat.",
        ),
        "hr-onboarding": IdeaText(
            "Papírmentes beléptetés az új munkatársaknak",
            "Egy új kolléga akár tizenkét papíralapú nyomtatványt tölt ki, többször is be kell "
            "hoznia ugyanazoknak az iratoknak a másolatát, és gyakran egy hetet vár a "
            "felhasználói fiókra, a belépőkártyára és az íróasztalra.",
            "Egyetlen online belépési ügyirat: az új munkatárs egyszer tölti fel a dokumentumait, "
            "a HR, az informatika és az üzemeltetés határidővel kapja meg a feladatát, a vezető "
            "pedig látja, mi hiányzik még.",
            "Egy negyedév összes új belépőjénél az online ügyiratot használjuk, és mérjük, hány "
            "nap alatt kapnak meg mindent, ami a munkához kell.",
        ),
        "print-reduction": IdeaText(
            "Kevesebb nyomtatás: biztonságos nyomtatás, alapértelmezetten kétoldalasan",
            "Több mint száz egyéni nyomtatónk van; a kinyomtatott oldalak felét soha nem viszik "
            "el, a festékkazettát pedig minden iroda külön vásárolja.",
            "Az egyéni nyomtatók helyett közös multifunkciós eszközök: a nyomtatás a "
            "belépőkártyával indítható, az alapbeállítás kétoldalas és fekete-fehér, és minden "
            "osztály látja a havi fogyasztását.",
            "Egy emeletről elvisszük az egyéni nyomtatókat, két közös eszközt telepítünk, és két "
            "hónapig összevetjük a nyomtatott oldalak számát és a megvásárolt festéket.",
        ),
        "e-invoices": IdeaText(
            "A szállítói számlák automatikus továbbítása",
            "A számlák postán és e-mailben érkeznek, kézzel rögzítjük őket, és rossz postafiókban "
            "várnak jóváhagyásra; a késedelmes fizetés késedelmi kamatba és a szállítók bizalmába "
            "kerül.",
            "A számlák egyetlen postafiókba érkeznek, automatikusan kiolvassuk őket, összevetjük "
            "a megrendeléssel, és a pénzügyi rendszerben a megfelelő kötelezettségvállalóhoz "
            "küldjük jóváhagyásra.",
            "Két hónapig a tíz legnagyobb szállító számláit az új folyamatban kezeljük, és "
            "követjük a rögzítési hibákat és a kifizetésig eltelt napokat.",
        ),
        "service-cars": IdeaText(
            "Közös szolgálati autók online foglalással",
            "Minden osztálynak saját szolgálati autói vannak; némelyik évente kevesebb mint 2000 "
            "km-t fut, miközben a családsegítők autóra várnak, hogy kimehessenek a családokhoz.",
            "Az összes szolgálati autót közös flottába szervezzük online foglalással és digitális "
            "menetlevéllel, és leadjuk azokat, amelyekre a flottának nincs szüksége.",
            "Két hónapig három osztály autóit közösen használjuk, minden utat rögzítünk, és "
            "megmérjük, valójában hány autóra van szükség.",
        ),
        "newsletter": IdeaText(
            "Heti hírlevél a faliújságok helyett",
            "A munkatársaknak szóló híreket faliújságra tűzik vagy hosszú körlevelekben küldik; a "
            "terepen dolgozó kollégák lemaradnak az őket érintő döntésekről.",
            "Rövid, hetente megjelenő digitális hírlevél, amely telefonon is jól olvasható: hírek "
            "minden osztályról, álláshelyek és képzések, tudósítók hálózatának tollából.",
            "Nyolc számot jelentetünk meg, mérjük a megnyitási arányt, és egy rövid kérdőívvel "
            "megkérdezzük az olvasókat, jobban tájékozottnak érzik-e magukat.",
        ),
        "chatbot": IdeaText(
            "Chatbot a lakosság gyakori kérdéseire",
            "Az ügyfélszolgálat egész nap ugyanarra a húsz kérdésre válaszol: nyitvatartás, "
            "szükséges iratok, a helyi adók befizetése. A telefonálók akár tizenöt percet is "
            "várnak.",
            "Chatbot a város honlapján és az üzenetküldő alkalmazásokban, amely saját oldalaink "
            "alapján közérthetően válaszol a gyakori kérdésekre, és kollégának adja át a "
            "beszélgetést, ha nem tud segíteni.",
            "A chatbotot a helyi adókról szóló ötven leggyakoribb kérdésre tanítjuk, egy hónapig "
            "működtetjük, és a hívásokat és a várakozási időt összevetjük a tavalyi év azonos "
            "hónapjával.",
        ),
        "open-permits": IdeaText(
            "Nyílt adatok az építési engedélyekről",
            "Építészek, szomszédok és újságírók írásban érdeklődnek az építési engedélyek "
            "állásáról; minden válasz nagyjából fél órát vesz el egy ügyintéző idejéből.",
            "Az építési engedélyek nyilvántartását nyílt adatként tesszük közzé, minden éjjel "
            "frissítve, címkereséssel és térképpel a város nyílt adatportálján.",
            "Egy városrész elmúlt két évének engedélyeit tesszük közzé, és megszámoljuk a "
            "tájékoztatáskéréseket előtte és utána.",
        ),
        "appointments": IdeaText(
            "Online időpontfoglalás az ügyfélszolgálaton",
            "A lakosok reggel sorban állnak sorszámért az ügyfélszolgálaton; sokan kiszolgálás "
            "nélkül távoznak, és egy másik napon visszajönnek.",
            "Online vagy telefonon lehet időpontot foglalni, előző nap emlékeztető érkezik, és "
            "néhány időpont szabadon marad az előzetes foglalás nélkül érkezőknek.",
            "Hat hétig egy ügyfélablaknál online időpontfoglalást kínálunk egy gyakori "
            "ügytípusra, és mérjük a várakozási időt és azt, hányan kényszerülnek visszajönni.",
        ),
        "plain-language": IdeaText(
            "Közérthető levelek a lakosoknak",
            "Szabványleveleink tele vannak jogszabályi hivatkozásokkal; az emberek csak azért "
            "telefonálnak vagy jönnek be, hogy megértsék, mit kérünk tőlük.",
            "A húsz leggyakrabban használt levélmintát közérthető nyelven újraírjuk, egy jól "
            "látható „Mi a teendője?” résszel, és használat előtt lakosokkal kipróbáljuk.",
            "Három, szociális ellátásokról szóló levelet újraírunk, két hónapig kiküldjük, és "
            "összevetjük az utána érkező hívások számát.",
        ),
        "sms-reminders": IdeaText(
            "SMS-emlékeztető a határidők előtt",
            "Sok család elveszít egy ellátást vagy késedelmi díjat fizet, mert elfelejt "
            "megújítani egy iratot vagy időben fizetni.",
            "Ingyenes SMS vagy e-mail néhány nappal a határidő előtt azoknak, akik ehhez "
            "hozzájárulnak, egy hivatkozással, amellyel az ügy online elintézhető.",
            "Három hónapig egy szociális ellátás megújítására küldünk emlékeztetőt, és a "
            "késedelmes megújítások arányát összevetjük az előző évvel.",
        ),
        "application-tracker": IdeaText(
            "Ügykövetés online",
            "A lakosok nem látják, hol tart az ügyük, ezért több osztályt is felhívnak, a "
            "kollégák pedig az iratok keresésével töltik az időt.",
            "Egy állapotoldal, ahol az ügyfél megadja az ügyszámát, és látja az egyes lépéseket, "
            "az ügyintézőt és a várható dátumot; az adatok az iktatórendszerünkből érkeznek.",
            "Két hónapig a lakossági parkolási engedély iránti kérelmek állapotát mutatjuk meg, "
            "és számoljuk az osztályhoz érkező érdeklődő hívásokat.",
        ),
        "waste-routes": IdeaText(
            "Okosabb útvonalak a hulladékgyűjtésben",
            "A gyűjtőjárművek minden héten ugyanazokon a rögzített útvonalakon járnak, akár tele "
            "vannak a konténerek, akár félig üresek, így üzemanyagot és munkaórákat pazarolnak.",
            "Töltöttségérzékelők a legnagyobb konténerekben, és útvonaltervező szoftver, amely "
            "minden nap a valóban megtelt konténerekhez igazítja a gyűjtést.",
            "Egy városrész negyven konténerét érzékelővel látjuk el, két hónapig a szoftverrel "
            "tervezzük az útvonalakat, és összevetjük a megtett kilométereket és a túlcsorduló "
            "konténerek számát.",
        ),
        "energy-monitoring": IdeaText(
            "Energiafigyelés az önkormányzati épületekben",
            "Úgy fizetjük az épületeink energiaszámláit, hogy nem tudjuk, melyik épület, emelet "
            "vagy berendezés pazarol; a hibák csak a számla érkezésekor derülnek ki.",
            "Okosmérők a fő épületekben, egy egyszerű irányítópulthoz kötve, amely óránként "
            "mutatja a fogyasztást, és riaszt, ha egy épület éjjel vagy hétvégén fogyaszt.",
            "Két hónapra mérőket szerelünk a városházára és két iskolába, megszüntetjük a három "
            "legnagyobb feltárt pazarlást, és mérjük a megtakarított kWh-t.",
        ),
        "led-sensors": IdeaText(
            "LED-világítás jelenlétérzékelőkkel az irodákban",
            "A folyosókon, mosdókban és tárgyalókban egész nap, gyakran egész éjjel ég a villany, "
            "azokban a helyiségekben is, amelyeket senki sem használ.",
            "A régi lámpákat LED-es világításra cseréljük, és jelenlét- és fényérzékelőket "
            "szerelünk fel, a legkevésbé használt helyiségekkel kezdve.",
            "Az igazgatási épület egyik emeletét felszereljük, egy hónapig mérjük a fogyasztását, "
            "és összevetjük egy ugyanolyan emeletével.",
        ),
        "e-bikes": IdeaText(
            "Elektromos kerékpárok a rövid hivatalos utakhoz",
            "Kollégák két-három kilométeres belvárosi utakra is autóba vagy taxiba ülnek, és "
            "gyakran tovább keresnek parkolóhelyet, mint amennyit vezetnek.",
            "Kis elektromos kerékpárflotta bukósisakkal és táskákkal, amelyet a szolgálati "
            "autókhoz hasonlóan lehet lefoglalni a városon belüli utakhoz.",
            "Két hónapig négy elektromos kerékpárt adunk két osztály használatába, és "
            "megszámoljuk, hány autós és taxis utat váltanak ki.",
        ),
        "reuse-platform": IdeaText(
            "Újrahasználati platform bútoroknak és irodai eszközöknek",
            "Egyes osztályok új székeket, szekrényeket és monitorokat vásárolnak, mások a "
            "használaton kívülieket a pincében tárolják, a régi eszközök pedig a szemétbe "
            "kerülnek.",
            "Belső csereplatform az intraneten, ahol az osztályok felajánlhatnak és kérhetnek "
            "bútorokat és eszközöket, mielőtt bármi újat vásárolnának.",
            "Két épület raktárait leltározzuk, hat hétig közzétesszük a tárgyakat, és "
            "megszámoljuk az elkerült beszerzéseket.",
        ),
    },
)

HU_CITY = CityTexts(
    people=[
        ("Eszter", "Nagy", "digital"), ("Gábor", "Kovács", "finance"),
        ("Katalin", "Tóth", "human-resources"), ("Péter", "Szabó", "urban-planning"),
        ("Zsófia", "Horváth", "social"), ("Balázs", "Varga", "digital"),
        ("Anna", "Kiss", "finance"), ("Dávid", "Molnár", "urban-planning"),
    ],
    evaluators=[("Judit", "Farkas", "urban-planning"), ("László", "Németh", "digital")],
    milestones=[
        "Próbaüzem egy osztályon",
        "Az érintett munkatársak képzése",
        "Bevezetés minden osztályon",
        "Értékelő jelentés a bizottságnak",
    ],
    updates=[
        "A próbaüzem lezárult: a csapat minden nap az új módszerrel dolgozik, és az első "
        "visszajelzések nagyon kedvezőek.",
        "Az első hónapok igazolják a tervezett megtakarítást; most a többi osztályra is "
        "kiterjesztjük a megoldást.",
        "A bevezetés késik: arra várunk, hogy az informatika beállítsa az utolsó fiókokat. Az új "
        "időpontot a következő beszámolóban közöljük.",
    ],
    comments=[
        "Nagyszerű ötlet! Nálunk az osztályon pontosan ugyanez a gond, szívesen részt vennénk a "
        "próbában.",
        "Egyeztettetek az informatikával, hogy van-e már olyan licencünk, amely erre használható?",
        "Köszönjük! Beszéltünk az informatikával: a meglévő licenc fedezi a próbát, így az MVP "
        "szinte semmibe sem kerül.",
        "Hogyan fogjátok mérni a megtakarítást? Egy tavalyi összehasonlító adat erősítené a "
        "javaslatot.",
    ],
    selected=[
        "Kiválasztva: világos probléma, reális MVP és olyan megtakarítás, amelyet a bizottság jól "
        "alátámasztottnak tart.",
        "Kiválasztva: az ötlet a meglévő eszközökkel gyorsan megvalósítható, és sok kollégának "
        "segít.",
    ],
    not_selected=[
        "Ezúttal nem került kiválasztásra: az ötlet érdekes, de a megtakarítási becslést nem "
        "támasztják alá adatok. Javasoljuk, hogy gyűjtsenek adatokat, és nyújtsák be újra a "
        "javaslatot.",
        "Nem került kiválasztásra: hasonló megoldást már tartalmaz a jövő évi informatikai "
        "stratégia; a bizottság azt javasolja, hogy csatlakozzanak annak a projektnek a "
        "csapatához.",
    ],
    ineligible=(
        "Nem befogadható: a javaslat átfedésben van egy, az idei költségvetésben már jóváhagyott "
        "projekttel; a bizottság továbbította a projekt csapatának."
    ),
    scorecard_comments=[
        "Világos probléma, reális MVP; a megtakarítás jól becsült.",
        "Jó ötlet, de a megtakarítási becslés optimistának tűnik.",
        "Sok kollégának hasznos; az informatika támogatására van szüksége.",
        "Érdekes, de nehéz lesz egy osztálynál tovább kiterjeszteni.",
    ],
    savings_note="A számokat a pénzügyi osztállyal egyeztettük.",
)

# --- Dutch (Rotterdam) -------------------------------------------------------------------------

NL = Texts(
    themes={
        "processes": "Procesoptimalisatie",
        "communication": "Communicatie",
        "services": "Kwaliteit van dienstverlening",
        "sustainability": "Duurzaamheid",
    },
    calls={
        "past": CallText(
            "Minder papier, minder wachten: eenvoudigere interne processen",
            "Goedkeuringen, aanvragen en rapportages gaan nog steeds op papier van kantoor naar "
            "kantoor en liggen dagenlang op bureaus. Hoe maken we onze interne processen sneller "
            "en goedkoper, zonder collega's extra werk te bezorgen?",
            "Iedere medewerker en elk team kan meedoen. Het idee gaat over een intern proces en "
            "heeft een MVP dat binnen drie maanden te testen is.",
        ),
        "evaluation": CallText(
            "Dichter bij de inwoner: duidelijkere en snellere dienstverlening",
            "Inwoners bellen, staan in de rij en schrijven ons voor antwoorden die ze sneller "
            "zouden kunnen krijgen. Hoe maken we onze diensten beter bereikbaar en "
            "begrijpelijker, zodat baliemedewerkers tijd hebben voor de mensen die hen echt nodig "
            "hebben?",
            "Open voor alle medewerkers. Voorstellen verbeteren een dienst die inwoners gebruiken "
            "en zijn te testen met de bestaande systemen van de gemeente of met een klein budget.",
        ),
        "open": CallText(
            "Een groener stadhuis",
            "Onze gebouwen, voertuigen en kantoren verbruiken elke dag energie, papier en "
            "materialen. Welke kleine veranderingen verkleinen onze voetafdruk en onze "
            "rekeningen, en zijn eerst in één gebouw of één team te testen?",
            "Open voor alle medewerkers, alleen of in een team. Elk voorstel heeft een meetbaar "
            "doel (kWh, liters, kilo's of euro's) en een MVP van hooguit twee maanden.",
        ),
    },
    criteria=[
        (
            "Besparing",
            "Het geld en de werktijd die het idee per jaar bespaart, en hoe goed de schatting "
            "onderbouwd is.",
        ),
        (
            "Haalbaarheid",
            "Is het uit te voeren met onze mensen, systemen en budget, en is het MVP realistisch?",
        ),
        (
            "Waarde voor inwoners en collega's",
            "Hoeveel mensen erop vooruitgaan en hoeveel hun dagelijks werk of ervaring verbetert.",
        ),
        (
            "Vernieuwing",
            "Hoe nieuw het idee is voor onze gemeente, en of andere afdelingen het kunnen "
            "overnemen.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Digitaal ondertekenen van interne goedkeuringen",
            "Elke inkoopaanvraag en elk verlofverzoek wordt geprint, door drie of vier mensen "
            "ondertekend en van verdieping naar verdieping gebracht. Een eenvoudige aanvraag "
            "duurt gemiddeld acht werkdagen en er raken documenten kwijt.",
            "Gekwalificeerde elektronische handtekeningen in het documentmanagementsysteem, met "
            "een goedkeuringsroute die elke aanvraag automatisch naar de volgende ondertekenaar "
            "stuurt en de hele geschiedenis bewaart.",
            "Zes weken lang de kleine inkopen van één afdeling via de route laten lopen en de "
            "doorlooptijd en het papierverbruik vergelijken met het vorige kwartaal.",
        ),
        "room-booking": IdeaText(
            "Gedeeld reserveren van vergaderruimtes",
            "Elke afdeling houdt een eigen papieren agenda bij voor haar vergaderruimte. "
            "Collega's bellen rond om een vrije ruimte te vinden; sommige ruimtes staan leeg "
            "terwijl andere dubbel geboekt zijn.",
            "Alle vergaderruimtes in de gedeelde agenda van het kantoorpakket zetten, met "
            "capaciteit en voorzieningen, zodat iedereen met een paar klikken een vrije ruimte "
            "boekt; ongebruikte boekingen vervallen automatisch na 15 minuten.",
            "Een maand lang de acht ruimtes van het hoofdgebouw in de gedeelde agenda zetten en "
            "boekingen, no-shows en telefoontjes naar de receptie tellen.",
        ),
        "hr-onboarding": IdeaText(
            "Papierloos onboarden van nieuwe medewerkers",
            "Een nieuwe collega vult tot twaalf papieren formulieren in, levert meerdere keren "
            "kopieën van dezelfde documenten in en wacht vaak een week op een account, een pasje "
            "en een werkplek.",
            "Eén online onboardingdossier: de nieuwe medewerker uploadt documenten één keer, HR, "
            "ICT en facilitaire zaken krijgen hun taken met een deadline en de leidinggevende "
            "ziet wat er nog ontbreekt.",
            "Het online dossier gebruiken voor alle nieuwe medewerkers van één kwartaal en meten "
            "hoeveel dagen het duurt tot ze alles hebben om te kunnen werken.",
        ),
        "print-reduction": IdeaText(
            "Minder printen: beveiligd printen en standaard dubbelzijdig",
            "We hebben meer dan honderd persoonlijke printers; de helft van de geprinte pagina's "
            "wordt nooit opgehaald en elk kantoor koopt zelf toner.",
            "Persoonlijke printers vervangen door gedeelde multifunctionals, afdrukken vrijgeven "
            "met de personeelspas, standaard dubbelzijdig en zwart-wit printen, en elke afdeling "
            "haar maandverbruik laten zien.",
            "Op één verdieping de persoonlijke printers weghalen, twee gedeelde apparaten "
            "plaatsen en twee maanden lang de geprinte pagina's en de gekochte toner vergelijken.",
        ),
        "e-invoices": IdeaText(
            "Automatische routering van leveranciersfacturen",
            "Facturen komen per post en e-mail binnen, worden met de hand ingevoerd en wachten op "
            "goedkeuring in de verkeerde mailbox; te laat betalen kost ons wettelijke rente en "
            "het vertrouwen van leveranciers.",
            "Facturen in één mailbox ontvangen, automatisch uitlezen, koppelen aan de bestelling "
            "en in het financiële systeem ter goedkeuring naar de juiste budgethouder sturen.",
            "Twee maanden lang de facturen van de tien grootste leveranciers via de nieuwe route "
            "verwerken en invoerfouten en de dagen tot betaling bijhouden.",
        ),
        "service-cars": IdeaText(
            "Gedeelde dienstauto's met online reserveren",
            "Elke afdeling heeft eigen dienstauto's; sommige rijden minder dan 2.000 km per jaar, "
            "terwijl wijkteammedewerkers op een auto wachten om gezinnen te bezoeken.",
            "Alle dienstauto's in één gedeelde pool met online reserveren en digitale "
            "rittenregistratie, en de auto's afstoten die de pool niet nodig heeft.",
            "Twee maanden lang de auto's van drie afdelingen delen, elke rit registreren en meten "
            "hoeveel auto's er echt nodig zijn.",
        ),
        "newsletter": IdeaText(
            "Een wekelijkse nieuwsbrief in plaats van prikborden",
            "Nieuws voor medewerkers hangt op prikborden of gaat rond in lange rondmails; "
            "collega's in de buitendienst missen besluiten die hen aangaan.",
            "Een korte digitale nieuwsbrief per week, goed leesbaar op de telefoon, met nieuws "
            "van elke afdeling, vacatures en trainingen, geschreven door een netwerk van "
            "correspondenten.",
            "Acht edities uitbrengen, het openingspercentage meten en lezers in een korte enquête "
            "vragen of ze zich beter geïnformeerd voelen.",
        ),
        "chatbot": IdeaText(
            "Een chatbot voor veelgestelde vragen van inwoners",
            "Het klantcontactcentrum beantwoordt de hele dag dezelfde twintig vragen: "
            "openingstijden, documenten voor een paspoort, het betalen van gemeentelijke "
            "belastingen. Bellers wachten tot een kwartier.",
            "Een chatbot op de gemeentelijke website en in berichtenapps die veelgestelde vragen "
            "in begrijpelijke taal beantwoordt op basis van onze eigen pagina's, en het gesprek "
            "overdraagt aan een collega als hij niet verder kan helpen.",
            "De chatbot trainen op de vijftig meest gestelde vragen over gemeentelijke "
            "belastingen, hem een maand inzetten en het aantal telefoontjes en de wachttijden "
            "vergelijken met dezelfde maand vorig jaar.",
        ),
        "open-permits": IdeaText(
            "Open data over omgevingsvergunningen",
            "Architecten, buurtbewoners en journalisten vragen schriftelijk naar de stand van "
            "vergunningaanvragen; elk antwoord kost een medewerker ongeveer een half uur.",
            "Het register van omgevingsvergunningen als open data publiceren, elke nacht "
            "bijgewerkt, met zoeken op adres en een kaart op het opendataportaal van de stad.",
            "De vergunningen van de afgelopen twee jaar voor één wijk publiceren en de "
            "informatieverzoeken vóór en na tellen.",
        ),
        "appointments": IdeaText(
            "Online afspraken maken bij de publieksbalie",
            "Inwoners staan 's ochtends in de rij voor een volgnummer bij de publieksbalie; velen "
            "gaan weg zonder geholpen te zijn en komen een andere dag terug.",
            "Inwoners reserveren online of telefonisch een tijdslot, krijgen de dag ervoor een "
            "herinnering, en een paar tijdsloten blijven vrij voor wie zonder afspraak komt.",
            "Zes weken lang bij één balie online afspraken aanbieden voor een veelgevraagd "
            "product en de wachttijd meten en het aantal mensen dat terug moet komen.",
        ),
        "plain-language": IdeaText(
            "Brieven aan inwoners in begrijpelijke taal",
            "Onze standaardbrieven staan vol wetsverwijzingen; mensen bellen of komen naar de "
            "balie alleen om te begrijpen wat we van hen vragen.",
            "De twintig meest gebruikte briefsjablonen herschrijven in begrijpelijke taal, met "
            "een duidelijk kader 'Wat moet u doen?', en ze vóór gebruik testen met inwoners.",
            "Drie brieven over bijzondere bijstand herschrijven, twee maanden versturen en het "
            "aantal telefoontjes daarna vergelijken.",
        ),
        "sms-reminders": IdeaText(
            "Sms-herinneringen vóór deadlines",
            "Veel gezinnen verliezen een uitkering of betalen een boete omdat ze vergeten een "
            "document te verlengen of op tijd te betalen.",
            "Inwoners die dat willen krijgen een paar dagen vóór de deadline gratis een sms of "
            "e-mail, met een link om het online te regelen.",
            "Drie maanden lang herinneringen sturen voor de verlenging van één regeling en het "
            "aandeel te late verlengingen vergelijken met vorig jaar.",
        ),
        "application-tracker": IdeaText(
            "Online de status van je aanvraag volgen",
            "Inwoners zien niet hoe ver hun aanvraag is, dus bellen ze meerdere afdelingen en "
            "zoeken medewerkers dossiers op.",
            "Een statuspagina waar inwoners hun zaaknummer invullen en elke stap zien, wie de "
            "aanvraag behandelt en de verwachte datum, gevoed door ons zaaksysteem.",
            "Twee maanden lang de status van aanvragen voor een bewonersparkeervergunning tonen "
            "en de statusvragen tellen die bij de afdeling binnenkomen.",
        ),
        "waste-routes": IdeaText(
            "Slimmere routes voor afvalinzameling",
            "Inzamelwagens rijden elke week dezelfde vaste routes, of de containers nu vol of "
            "halfleeg zijn, en verbruiken daarmee brandstof en manuren.",
            "Vulgraadsensoren in de grootste containers en planningssoftware die elke dag de "
            "route bepaalt op basis van de containers die echt vol zijn.",
            "Veertig containers in één wijk van sensoren voorzien, twee maanden lang de routes "
            "met de software plannen en de gereden kilometers en overvolle containers "
            "vergelijken.",
        ),
        "energy-monitoring": IdeaText(
            "Energiemonitoring in gemeentelijke gebouwen",
            "We betalen de energierekeningen van onze gebouwen zonder te weten welk gebouw, welke "
            "verdieping of welk apparaat energie verspilt; storingen merken we pas als de "
            "rekening komt.",
            "Slimme meters in de belangrijkste gebouwen, gekoppeld aan een eenvoudig dashboard "
            "dat het verbruik per uur toont en waarschuwt als een gebouw 's nachts of in het "
            "weekend verbruikt.",
            "Twee maanden lang meters plaatsen in het stadhuis en twee scholen, de drie grootste "
            "verspillers die we vinden aanpakken en de bespaarde kWh meten.",
        ),
        "led-sensors": IdeaText(
            "Ledverlichting met aanwezigheidssensoren op kantoor",
            "De lampen in gangen, toiletten en vergaderruimtes branden de hele dag en vaak de "
            "hele nacht, ook in ruimtes die niemand gebruikt.",
            "Oude lampen vervangen door ledverlichting en aanwezigheids- en daglichtsensoren "
            "toevoegen, te beginnen met de minst gebruikte ruimtes.",
            "Eén verdieping van het kantoorgebouw uitrusten, het verbruik een maand meten en "
            "vergelijken met een identieke verdieping.",
        ),
        "e-bikes": IdeaText(
            "Elektrische fietsen voor korte dienstritten",
            "Collega's pakken de auto of een taxi voor ritjes van twee à drie kilometer door het "
            "centrum en zijn vaak langer bezig met parkeren dan met rijden.",
            "Een kleine vloot elektrische fietsen met fietstassen, te reserveren zoals de "
            "dienstauto's, voor ritten binnen de stad.",
            "Twee maanden lang vier e-bikes beschikbaar stellen aan twee afdelingen en tellen "
            "hoeveel auto- en taxiritten ze vervangen.",
        ),
        "reuse-platform": IdeaText(
            "Een hergebruikplatform voor meubilair en kantoorspullen",
            "Afdelingen kopen nieuwe stoelen, kasten en beeldschermen terwijl andere afdelingen "
            "hun ongebruikte exemplaren in de kelder bewaren, en oude spullen belanden bij het "
            "afval.",
            "Een interne marktplaats op het intranet waar afdelingen meubilair en apparatuur "
            "aanbieden en vragen voordat er iets nieuws wordt gekocht.",
            "De opslagruimtes van twee gebouwen inventariseren, de spullen zes weken lang "
            "aanbieden en de vermeden aankopen tellen.",
        ),
    },
)

NL_CITY = CityTexts(
    people=[
        ("Sanne", "de Vries", "digital"), ("Daan", "Jansen", "finance"),
        ("Lotte", "Bakker", "human-resources"), ("Bram", "Visser", "urban-planning"),
        ("Fleur", "Smit", "social"), ("Joris", "van Dijk", "digital"),
        ("Noor", "Mulder", "finance"), ("Thijs", "de Boer", "urban-planning"),
    ],
    evaluators=[("Marieke", "Bos", "urban-planning"), ("Pieter", "van den Berg", "digital")],
    milestones=[
        "Pilot bij één afdeling",
        "Training van de betrokken medewerkers",
        "Uitrol naar alle afdelingen",
        "Evaluatierapport voor de commissie",
    ],
    updates=[
        "De pilot is afgerond: het team werkt elke dag op de nieuwe manier en de eerste reacties "
        "zijn erg positief.",
        "De eerste maanden bevestigen de verwachte besparing; we breiden de oplossing nu uit naar "
        "de andere afdelingen.",
        "De uitrol loopt vertraging op: we wachten tot ICT de laatste accounts heeft ingericht. "
        "Een nieuwe datum volgt in de volgende update.",
    ],
    comments=[
        "Goed idee! Bij onze afdeling hebben we precies hetzelfde probleem, we doen graag mee aan "
        "de test.",
        "Hebben jullie bij ICT nagevraagd of we al een licentie hebben die hiervoor te gebruiken "
        "is?",
        "Dank je! We hebben met ICT gesproken: de bestaande licentie dekt de test, dus het MVP "
        "kost bijna niets.",
        "Hoe gaan jullie de besparing meten? Een nulmeting van vorig jaar zou het voorstel "
        "sterker maken.",
    ],
    selected=[
        "Geselecteerd: helder probleem, realistisch MVP en een besparing die de commissie goed "
        "onderbouwd vindt.",
        "Geselecteerd: het idee is snel in te voeren met bestaande middelen en helpt veel "
        "collega's.",
    ],
    not_selected=[
        "Deze keer niet geselecteerd: het idee is interessant, maar de geschatte besparing is "
        "niet met cijfers onderbouwd. We moedigen jullie aan gegevens te verzamelen en het "
        "opnieuw in te dienen.",
        "Niet geselecteerd: een vergelijkbare oplossing staat al in het ICT-plan voor volgend "
        "jaar; de commissie stelt voor dat jullie aansluiten bij dat projectteam.",
    ],
    ineligible=(
        "Niet ontvankelijk: het voorstel overlapt met een project dat al in de begroting van dit "
        "jaar staat; de commissie heeft het doorgestuurd naar het projectteam."
    ),
    scorecard_comments=[
        "Helder probleem en realistisch MVP; de besparing lijkt goed ingeschat.",
        "Goed idee, maar de geschatte besparing lijkt optimistisch.",
        "Nuttig voor veel collega's; heeft steun van ICT nodig.",
        "Interessant, maar lastig uit te breiden buiten één afdeling.",
    ],
    savings_note="Cijfers gecontroleerd met de afdeling Financiën.",
)

# --- Italian (Torino) --------------------------------------------------------------------------

IT = Texts(
    themes={
        "processes": "Ottimizzazione dei processi",
        "communication": "Comunicazione",
        "services": "Qualità dei servizi",
        "sustainability": "Sostenibilità",
    },
    calls={
        "past": CallText(
            "Meno carta, meno attese: processi interni più semplici",
            "Autorizzazioni, richieste e relazioni viaggiano ancora su carta da un ufficio "
            "all'altro e restano per giorni sulle scrivanie. Come possiamo rendere i nostri "
            "processi interni più rapidi ed economici senza aggiungere lavoro ai colleghi?",
            "Può partecipare ogni dipendente o gruppo di lavoro. L'idea deve riguardare un "
            "processo interno e prevedere un MVP da sperimentare entro tre mesi.",
        ),
        "evaluation": CallText(
            "Più vicini ai cittadini: servizi pubblici più chiari e veloci",
            "I cittadini ci telefonano, fanno la coda e ci scrivono per avere risposte che "
            "potrebbero ottenere più in fretta. Come rendere i nostri servizi più accessibili e "
            "comprensibili, e lasciare al personale degli sportelli il tempo per i casi che ne "
            "hanno davvero bisogno?",
            "Aperta a tutto il personale. Le proposte devono migliorare un servizio usato dai "
            "cittadini ed essere sperimentabili con i sistemi esistenti del Comune o con un "
            "piccolo budget.",
        ),
        "open": CallText(
            "Un Comune più verde",
            "I nostri edifici, veicoli e uffici consumano ogni giorno energia, carta e materiali. "
            "Quali piccoli cambiamenti ridurrebbero la nostra impronta e le nostre bollette, e si "
            "possono sperimentare prima in un solo edificio o in un solo gruppo?",
            "Aperta a tutto il personale, da soli o in gruppo. Ogni proposta ha bisogno di un "
            "obiettivo misurabile (kWh, litri, chili o euro) e di un MVP di due mesi al massimo.",
        ),
    },
    criteria=[
        (
            "Risparmio",
            "Denaro e ore di lavoro risparmiati ogni anno, e quanto è solida la stima.",
        ),
        (
            "Fattibilità",
            "Si può realizzare con il nostro personale, i nostri sistemi e il nostro bilancio, e "
            "l'MVP è realistico?",
        ),
        (
            "Beneficio per cittadini e colleghi",
            "Quante persone ne traggono vantaggio e quanto migliora il loro lavoro o la loro "
            "esperienza quotidiana.",
        ),
        (
            "Innovazione",
            "Quanto l'idea è nuova per il nostro Comune e se altri settori potrebbero "
            "riutilizzarla.",
        ),
    ],
    ideas={
        "e-signature": IdeaText(
            "Firma digitale per le autorizzazioni interne",
            "Ogni richiesta di acquisto e ogni domanda di ferie viene stampata, firmata da tre o "
            "quattro persone e portata da un piano all'altro. Una richiesta semplice richiede in "
            "media otto giorni lavorativi e alcuni documenti vanno persi.",
            "Usare la firma digitale qualificata nel sistema di gestione documentale, con un "
            "flusso di approvazione che invia automaticamente ogni richiesta al firmatario "
            "successivo e conserva tutta la cronologia.",
            "Applicare il flusso ai piccoli acquisti di un solo settore per sei settimane e "
            "confrontare i tempi di lavorazione e la carta consumata con il trimestre precedente.",
        ),
        "room-booking": IdeaText(
            "Prenotazione condivisa delle sale riunioni",
            "Ogni settore tiene un'agenda cartacea per la propria sala riunioni. I colleghi "
            "telefonano ovunque per trovare una sala libera; alcune restano vuote mentre altre "
            "vengono prenotate due volte.",
            "Pubblicare tutte le sale riunioni nel calendario condiviso della suite per ufficio, "
            "con capienza e dotazioni, così chiunque può prenotare una sala libera in pochi clic; "
            "le prenotazioni non usate si liberano automaticamente dopo 15 minuti.",
            "Inserire per un mese le otto sale della sede principale nel calendario condiviso e "
            "contare prenotazioni, assenze e telefonate alla portineria.",
        ),
        "hr-onboarding": IdeaText(
            "Inserimento senza carta dei nuovi assunti",
            "Un nuovo collega compila fino a dodici moduli cartacei, consegna più volte le copie "
            "degli stessi documenti e spesso aspetta una settimana per avere account, badge e "
            "scrivania.",
            "Un unico fascicolo di inserimento online: il nuovo assunto carica i documenti una "
            "sola volta, personale, sistemi informativi e servizi generali ricevono i loro "
            "compiti con una scadenza e il responsabile vede cosa manca ancora.",
            "Usare il fascicolo online per tutti i nuovi assunti di un trimestre e misurare "
            "quanti giorni servono perché abbiano tutto il necessario per lavorare.",
        ),
        "print-reduction": IdeaText(
            "Stampare meno: stampa sicura e fronte-retro predefinito",
            "Abbiamo più di cento stampanti personali; metà delle pagine stampate non viene mai "
            "ritirata e ogni ufficio acquista il toner per conto proprio.",
            "Sostituire le stampanti personali con multifunzione condivise, rilasciare le stampe "
            "con il badge, stampare per impostazione predefinita fronte-retro e in bianco e nero, "
            "e mostrare a ogni settore il suo consumo mensile.",
            "Togliere le stampanti personali da un piano, installare due apparecchi condivisi e "
            "confrontare per due mesi le pagine stampate e il toner acquistato.",
        ),
        "e-invoices": IdeaText(
            "Smistamento automatico delle fatture dei fornitori",
            "Le fatture elettroniche arrivano dal Sistema di Interscambio ma vengono smistate a "
            "mano e aspettano la liquidazione nella casella sbagliata; i pagamenti in ritardo ci "
            "costano interessi di mora e la fiducia dei fornitori.",
            "Leggere automaticamente le fatture, abbinarle all'ordine e inviarle per la "
            "liquidazione al responsabile del capitolo di spesa giusto, direttamente nel sistema "
            "contabile.",
            "Gestire per due mesi con il nuovo flusso le fatture dei dieci principali fornitori e "
            "monitorare gli errori di registrazione e i giorni fino al pagamento.",
        ),
        "service-cars": IdeaText(
            "Auto di servizio condivise con prenotazione online",
            "Ogni settore ha le proprie auto di servizio; alcune percorrono meno di 2.000 km "
            "l'anno mentre gli assistenti sociali aspettano un'auto per visitare le famiglie.",
            "Riunire tutte le auto di servizio in un parco comune con prenotazione online e "
            "registro di bordo digitale, e dismettere quelle di cui il parco non ha bisogno.",
            "Mettere in comune le auto di tre settori per due mesi, registrare ogni viaggio e "
            "misurare quante auto servono davvero.",
        ),
        "newsletter": IdeaText(
            "Una newsletter settimanale al posto delle bacheche",
            "Le notizie per il personale vengono appese in bacheca o inviate in lunghe circolari "
            "via e-mail; i colleghi che lavorano sul territorio perdono decisioni che li "
            "riguardano.",
            "Una breve newsletter digitale settimanale, facile da leggere sul telefono, con "
            "notizie da ogni settore, posizioni aperte e corsi di formazione, scritta da una rete "
            "di referenti.",
            "Pubblicare otto numeri, misurare il tasso di apertura e chiedere ai lettori con un "
            "breve questionario se si sentono più informati.",
        ),
        "chatbot": IdeaText(
            "Un chatbot per le domande frequenti dei cittadini",
            "Il call center risponde tutto il giorno alle stesse venti domande: orari, documenti "
            "per la carta d'identità, come pagare i tributi locali. Chi chiama aspetta fino a "
            "quindici minuti.",
            "Un chatbot sul sito del Comune e sulle app di messaggistica che risponde in "
            "linguaggio semplice alle domande frequenti partendo dalle nostre pagine e passa la "
            "conversazione a un operatore quando non sa aiutare.",
            "Addestrare il chatbot sulle cinquanta domande più frequenti sui tributi locali, "
            "usarlo per un mese e confrontare chiamate e tempi di attesa con lo stesso mese "
            "dell'anno scorso.",
        ),
        "open-permits": IdeaText(
            "Dati aperti sui permessi di costruire",
            "Architetti, vicini e giornalisti presentano richieste scritte per conoscere lo stato "
            "dei permessi di costruire; ogni risposta impegna un tecnico per circa mezz'ora.",
            "Pubblicare il registro dei permessi di costruire come dati aperti, aggiornato ogni "
            "notte, con ricerca per indirizzo e mappa sul portale open data della città.",
            "Pubblicare i permessi degli ultimi due anni di una circoscrizione e contare le "
            "richieste di informazioni prima e dopo.",
        ),
        "appointments": IdeaText(
            "Appuntamenti online all'Ufficio relazioni con il pubblico",
            "I cittadini fanno la coda al mattino per prendere il numero allo sportello; molti se "
            "ne vanno senza essere serviti e tornano un altro giorno.",
            "Permettere di prenotare una fascia oraria online o per telefono, inviare un "
            "promemoria il giorno prima e lasciare alcuni posti liberi per chi arriva senza "
            "appuntamento.",
            "Offrire per sei settimane a uno sportello la prenotazione online della carta "
            "d'identità elettronica e misurare il tempo di attesa e quante persone devono "
            "tornare.",
        ),
        "plain-language": IdeaText(
            "Lettere ai cittadini in linguaggio chiaro",
            "Le nostre lettere standard sono piene di riferimenti normativi; le persone "
            "telefonano o vengono allo sportello solo per capire cosa chiediamo loro.",
            "Riscrivere in linguaggio chiaro i venti modelli di lettera più usati, con un "
            "riquadro «Cosa deve fare», e provarli con alcuni cittadini prima dell'uso.",
            "Riscrivere tre lettere sui contributi sociali, inviarle per due mesi e confrontare "
            "il numero di telefonate successive.",
        ),
        "sms-reminders": IdeaText(
            "Promemoria via SMS prima delle scadenze",
            "Molte famiglie perdono un contributo o pagano una sanzione perché dimenticano di "
            "rinnovare un documento o di pagare in tempo.",
            "Inviare gratuitamente un SMS o un'e-mail qualche giorno prima della scadenza a chi "
            "accetta di riceverli, con un link per fare tutto online.",
            "Inviare promemoria per il rinnovo di un contributo sociale per tre mesi e "
            "confrontare la quota di rinnovi in ritardo con l'anno precedente.",
        ),
        "application-tracker": IdeaText(
            "Seguire online la propria pratica",
            "I cittadini non sanno a che punto è la loro pratica, quindi telefonano a diversi "
            "uffici e il personale perde tempo a cercare i fascicoli.",
            "Una pagina in cui il cittadino inserisce il numero di pratica e vede ogni passaggio, "
            "chi la segue e la data prevista, alimentata dal nostro sistema di protocollo.",
            "Mostrare per due mesi lo stato delle domande di permesso di sosta per i residenti e "
            "contare le telefonate di sollecito ricevute dall'ufficio.",
        ),
        "waste-routes": IdeaText(
            "Percorsi più intelligenti per la raccolta dei rifiuti",
            "I mezzi della raccolta seguono ogni settimana gli stessi percorsi fissi, che i "
            "cassonetti siano pieni o mezzi vuoti, consumando carburante e ore di lavoro.",
            "Sensori di riempimento nei cassonetti più grandi e un software di pianificazione che "
            "organizza ogni giorno il giro in base ai cassonetti davvero pieni.",
            "Dotare di sensori quaranta cassonetti di un quartiere, pianificare i percorsi con il "
            "software per due mesi e confrontare i chilometri percorsi e i cassonetti "
            "traboccanti.",
        ),
        "energy-monitoring": IdeaText(
            "Monitoraggio energetico negli edifici comunali",
            "Paghiamo le bollette energetiche dei nostri edifici senza sapere quale edificio, "
            "piano o apparecchio spreca; i guasti si scoprono solo quando arriva la bolletta.",
            "Contatori intelligenti negli edifici principali, collegati a un semplice cruscotto "
            "che mostra i consumi ora per ora e invia un avviso quando un edificio consuma di "
            "notte o nel fine settimana.",
            "Installare contatori nel palazzo comunale e in due scuole per due mesi, eliminare i "
            "tre sprechi più grandi individuati e misurare i kWh risparmiati.",
        ),
        "led-sensors": IdeaText(
            "Illuminazione LED con sensori di presenza negli uffici",
            "Le luci di corridoi, bagni e sale riunioni restano accese tutto il giorno e spesso "
            "tutta la notte, anche nei locali che nessuno usa.",
            "Sostituire le vecchie lampade con illuminazione LED e aggiungere sensori di presenza "
            "e di luce naturale, cominciando dai locali meno usati.",
            "Attrezzare un piano dell'edificio amministrativo, misurarne i consumi per un mese e "
            "confrontarli con quelli di un piano identico.",
        ),
        "e-bikes": IdeaText(
            "Biciclette elettriche per i brevi spostamenti di servizio",
            "Alcuni colleghi prendono l'auto o il taxi per percorrere due o tre chilometri in "
            "centro e impiegano più tempo a parcheggiare che a guidare.",
            "Una piccola flotta di biciclette a pedalata assistita, con caschi e borse, "
            "prenotabili come le auto di servizio, per gli spostamenti in città.",
            "Mettere quattro biciclette elettriche a disposizione di due settori per due mesi e "
            "contare i viaggi in auto e in taxi che sostituiscono.",
        ),
        "reuse-platform": IdeaText(
            "Una piattaforma di riuso per arredi e attrezzature d'ufficio",
            "Alcuni settori comprano sedie, armadi e monitor nuovi mentre altri tengono in "
            "cantina quelli inutilizzati, e il materiale vecchio finisce in discarica.",
            "Un mercatino interno sulla intranet dove i settori offrono e chiedono arredi e "
            "attrezzature prima di acquistare qualcosa di nuovo.",
            "Fare l'inventario dei magazzini di due edifici, pubblicare gli oggetti per sei "
            "settimane e contare gli acquisti evitati.",
        ),
    },
)

IT_CITY = CityTexts(
    people=[
        ("Giulia", "Rossi", "digital"), ("Marco", "Bianchi", "finance"),
        ("Francesca", "Romano", "human-resources"), ("Luca", "Colombo", "urban-planning"),
        ("Chiara", "Ricci", "social"), ("Alessandro", "Greco", "digital"),
        ("Elena", "Conti", "finance"), ("Davide", "Marino", "urban-planning"),
    ],
    evaluators=[("Paola", "Gallo", "urban-planning"), ("Stefano", "Bruno", "digital")],
    milestones=[
        "Sperimentazione in un settore",
        "Formazione del personale coinvolto",
        "Estensione a tutti i settori",
        "Relazione di valutazione per la commissione",
    ],
    updates=[
        "La sperimentazione è conclusa: il gruppo usa ogni giorno il nuovo metodo di lavoro e i "
        "primi riscontri sono molto positivi.",
        "I primi mesi confermano il risparmio previsto; ora estendiamo la soluzione agli altri "
        "settori.",
        "L'estensione è in ritardo: aspettiamo che i sistemi informativi configurino gli ultimi "
        "account. Daremo una nuova data nel prossimo aggiornamento.",
    ],
    comments=[
        "Ottima idea! Nel nostro settore abbiamo esattamente lo stesso problema e parteciperemmo "
        "volentieri alla sperimentazione.",
        "Avete verificato con i sistemi informativi se abbiamo già una licenza utilizzabile per "
        "questo?",
        "Grazie! Abbiamo sentito i sistemi informativi: la licenza attuale copre la "
        "sperimentazione, quindi l'MVP non costa quasi nulla.",
        "Come misurerete il risparmio? Un confronto con i dati dell'anno scorso renderebbe la "
        "proposta più solida.",
    ],
    selected=[
        "Selezionata: problema chiaro, MVP realistico e un risparmio che la commissione ritiene "
        "ben documentato.",
        "Selezionata: l'idea si può realizzare in fretta con gli strumenti esistenti e aiuta "
        "molti colleghi.",
    ],
    not_selected=[
        "Non selezionata questa volta: l'idea è interessante, ma la stima del risparmio non è "
        "supportata da dati. Vi invitiamo a raccogliere i numeri e a ripresentarla.",
        "Non selezionata: una soluzione simile è già prevista nel piano informatico del prossimo "
        "anno; la commissione vi propone di unirvi al gruppo di quel progetto.",
    ],
    ineligible=(
        "Non ammissibile: la proposta si sovrappone a un progetto già inserito nel bilancio di "
        "quest'anno; la commissione l'ha trasmessa al gruppo di progetto."
    ),
    scorecard_comments=[
        "Problema chiaro e MVP realistico; il risparmio sembra ben stimato.",
        "Buona idea, ma la stima del risparmio sembra ottimistica.",
        "Utile a molti colleghi; serve il supporto dei sistemi informativi.",
        "Interessante, ma sarà difficile estenderla oltre un settore.",
    ],
    savings_note="Cifre verificate con il settore Bilancio.",
)

# --- Index ---------------------------------------------------------------------------------------

TEXTS = {"en": EN, "ro": RO, "fr": FR, "es": ES, "pt": PT, "hu": HU, "nl": NL, "it": IT}
CITY_TEXTS = {
    "en": EN_CITY, "ro": RO_CITY, "fr": FR_CITY, "es": ES_CITY, "pt": PT_CITY, "hu": HU_CITY,
    "nl": NL_CITY, "it": IT_CITY,
}
