"""Microsoft Teams' words in its UI languages: header cells, legacy-log actions, summary titles
and labels, and the guest/external name markers. Written folded: lower case, no accents.

Evidence: en/fr/pt-BR real files; the es/de/it/nl/pl words are Microsoft's UI translations as
seen in other parsers (unverified).
"""

from __future__ import annotations

# Header cells (whole cells).
NAME_HEADERS = {
    "full name",
    "name",
    "nom complet",
    "nom",
    "nome completo",
    "nome",
    "nombre completo",
    "nombre",
    "vollstandiger name",
    "naam",
    "volledige naam",
    "imie i nazwisko",
    "nome e cognome",
}
ACTION_HEADERS = {
    "user action",
    "action",
    "atividade",
    "acao do usuario",
    "action de l'utilisateur",
    "action utilisateur",
    "accion del usuario",
    "accion",
    "actividad",
    "benutzeraktion",
    "aktion",
    "azione utente",
    "azione",
    "akcja uzytkownika",
    "akcja",
    "gebruikersactie",
    "actie",
    "activity",
}
TIMESTAMP_HEADERS = {
    "timestamp",
    "data e hora",
    "carimbo de data/hora",
    "horodatage",
    "date et heure",
    "zeitstempel",
    "marca de tiempo",
    "fecha y hora",
    "marca temporale",
    "data e ora",
    "sygnatura czasowa",
    "znacznik czasu",
    "tijdstempel",
}
EMAIL_HEADERS = {"email", "e-mail", "correo electronico", "courriel", "adresse e-mail"}
ROLE_HEADERS = {"role", "funcao", "papel", "rol", "rolle", "ruolo", "rola", "funcion"}
# Substrings of folded header cells (checked in this order: duration before join/leave because
# "In-meeting duration"; UPN first because "Participant ID (UPN)").
DURATION_KEYS = ("duration", "duree", "duracao", "duracion", "dauer", "durata", "duur", "czas")
JOIN_KEYS = tuple(
    "join arrivee entrada ingresso ingreso beitritt union deelname dolacz participation".split()
)
LEAVE_KEYS = ("leave", "depart", "saida", "salida", "uscita", "verlass", "vertrek", "opuszcz")
FIRST_KEYS = ("first", "premier", "premiere", "primeir", "primer", "erste", "pierwsz", "eerste")

# Action words of the legacy log (folded). Anything with a join word is a join.
JOIN_WORDS = ("join", "entrou", "ingress", "rejoint", "beigetreten", "unio", "dolaczy", "entr")
LEAVE_WORDS = ("left", "saiu", "quitte", "verlassen", "salio", "opuscil", "uscit", "vertrok")

SUMMARY_TITLES = (
    "meeting summary",
    "resume de la reunion",
    "resumo da reuniao",
    "resumen de la reunion",
    "besprechungszusammenfassung",
    "zusammenfassung der besprechung",
    "riepilogo della riunione",
    "podsumowanie spotkania",
    "samenvatting van vergadering",
)

# Summary labels -> MeetingInfo field, by the words they contain (folded, word-level).
TITLE_WORDS = {"title", "titre", "titulo", "titel", "titolo", "tytul"}
START_WORDS = {"start", "debut", "inicio", "beginn", "beginnzeit", "inizio", "rozpoczecia"}
END_WORDS = {"end", "fin", "termino", "fim", "ende", "endzeit", "fine", "zakonczenia", "eind"}
DURATION_WORDS = {"duration", "duree", "duracao", "duracion", "dauer", "durata"}
AVERAGE_WORDS = {"average", "moyenne", "media", "medio", "durchschnittliche", "srednia"}

# "(Guest)" family -> guest; "(External)" family -> not a guest (signed-in, other org).
GUEST_SUFFIXES = (
    "guest",
    "invitado",
    "invitada",
    "convidado",
    "convidada",
    "invite",
    "invitee",
    "gast",
    "ospite",
    "gosc",
    "unverified",
    "non verifie",
    "non verifiee",
    "nao verificado",
    "no verificado",
    "nicht verifiziert",
    "niet geverifieerd",
    "niezweryfikowany",
    "anonymous",
    "anonyme",
)
EXTERNAL_SUFFIXES = ("external", "externe", "extern", "externo", "externa", "esterno", "ext")
