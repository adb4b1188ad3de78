"""Zoom's words in every UI language seen (English, pt-BR, es, fr, ko, ja): report and section
titles, summary labels, column headers, approval statuses and registration-question topics.

Add a translation by adding its text as Zoom writes it; labels are compared folded (case,
accents, spaces and a trailing colon ignored), so "세션 기간(분)" also matches "세션 기간 (분)".
"""

from __future__ import annotations

from engagement.text import label_key


def _aliases(*names: str) -> frozenset[str]:
    return frozenset(label_key(n) for n in names)


# === webinar reports ===========================================================================
# --- report and section titles ----------------------------------------------------------------
ATTENDEE_REPORT_TITLES = _aliases(
    "Attendee Report",
    "Relatório de Participante",
    "Relatório do Participante",
    "Relatório de Participantes",
    "Informe de asistentes",
    "Informe del asistente",
    "Informe de asistente",
    "Rapport des participants",
    "Rapport de participant",
    "Rapport sur les participants",
    "참석자 보고서",
    "出席者レポート",
)
REGISTRATION_REPORT_TITLES = _aliases(
    "Registration Report",
    "Relatório de Inscrição",
    "Relatório de Inscrições",
    "Relatório de Registro",
    "Informe de registro",
    "Informe de inscripción",
    "Rapport d'inscription",
    "Rapport des inscriptions",
    "등록 보고서",
    "登録レポート",
)
SECTION_TITLES = {
    "host": _aliases(
        "Host Details",
        "Detalhes do anfitrião",
        "Detalhes do host",
        "Detalles del anfitrión",
        "Detalles del host",
        "Détails de l'hôte",
        "Détails sur l'hôte",
        "호스트 세부 정보",
        "ホストの詳細",
    ),
    "panelist": _aliases(
        "Panelist Details",
        "Detalhes do Palestrante",
        "Detalhes dos Palestrantes",
        "Detalhes do painelista",
        "Detalles del panelista",
        "Detalles de los panelistas",
        "Détails du panéliste",
        "Détails des panélistes",
        "패널리스트 세부 정보",
        "パネリストの詳細",
    ),
    "attendee": _aliases(
        "Attendee Details",
        "Detalhes dos Participantes",
        "Detalhes do Participante",
        "Detalles del asistente",
        "Detalles de los asistentes",
        "Détails des participants",
        "Détails du participant",
        "참석자 세부 정보",
        "出席者の詳細",
    ),
    "other": _aliases(
        "Other Attended",
        "Outros participantes",
        "Outros que participaram",
        "Otros asistentes",
        "Autres participants",
        "기타 참석자",
        "その他の出席者",
    ),
}
SECTION_ROLE = {"host": "host", "panelist": "panelist", "attendee": "attendee", "other": "attendee"}

# --- summary labels -----------------------------------------------------------------------------
SUMMARY_LABELS = {
    "generated_at": _aliases(
        "Report generated time",
        "Report Generated",
        "Relatório Gerado",
        "Relatório gerado em",
        "Hora de geração do relatório",
        "Informe generado",
        "Hora de generación del informe",
        "Rapport généré",
        "Heure de génération du rapport",
        "생성된 보고서",
        "보고서 생성 시간",
        "レポート生成日時",
    ),
    "topic": _aliases("Topic", "Tópico", "Tema", "Sujet", "주제", "トピック"),
    "external_id": _aliases(
        "Webinar ID",
        "ID",
        "ID do Webinar",
        "ID do webinário",
        "ID del seminario web",
        "ID del webinar",
        "ID du webinaire",
        "웨비나 ID",
        "ウェビナーID",
        "Meeting ID",
        "ID da reunião",
        "ID de la reunión",
        "ID de réunion",
        "회의 ID",
        "ミーティングID",
    ),
    "actual_start": _aliases(
        "Actual Start Time",
        "Hora de Início Real",
        "Horário de início real",
        "Hora de inicio real",
        "Heure de début réelle",
        "실제 시작 시간",
        "実際の開始時刻",
        "Start Time",
        "Hora de início",
        "Hora de inicio",
        "Heure de début",
        "시작 시간",
        "開始時刻",
    ),
    "actual_end": _aliases(
        "End Time",
        "Hora de término",
        "Hora de finalización",
        "Heure de fin",
        "종료 시간",
        "終了時刻",
    ),
    "scheduled_start": _aliases(
        "Scheduled Time",
        "Horário agendado",
        "Hora agendada",
        "Hora programada",
        "Heure prévue",
        "Heure planifiée",
        "예약된 시간",
        "예정된 시간",
        "予定時刻",
    ),
    "duration_minutes": _aliases(
        "Actual Duration (minutes)",
        "Duration (minutes)",
        "Duração Real (minutos)",
        "Duração (minutos)",
        "Duración real (minutos)",
        "Duración (minutos)",
        "Durée réelle (minutes)",
        "Durée (minutes)",
        "실제 기간(분)",
        "기간(분)",
        "実際の時間(分)",
        "時間(分)",
        "所要時間(分)",
    ),
}

# --- column headers of the sections ---------------------------------------------------------------
COLUMN_ALIASES = {
    "attended": _aliases(
        "Attended",
        "Participou",
        "Asistió",
        "Asistio",
        "A participé",
        "Présent",
        "참석",
        "참석함",
        "参加済み",
        "出席",
    ),
    "user_name": _aliases(
        "User Name (Original Name)",
        "User Name",
        "Name (Original Name)",
        "Nome de usuário (nome original)",
        "Nome de usuário",
        "Nombre de usuario (nombre original)",
        "Nombre de usuario",
        "Nom d'utilisateur (nom d'origine)",
        "Nom d'utilisateur (nom original)",
        "Nom d'utilisateur",
        "사용자 이름(원래 이름)",
        "사용자 이름",
        "ユーザー名 (元の名前)",
        "ユーザー名",
    ),
    "first_name": _aliases("First Name", "Nome", "Primeiro nome", "Nombre", "Prénom", "이름", "名"),
    "last_name": _aliases(
        "Last Name", "Sobrenome", "Apellido", "Apellidos", "Nom de famille", "Nom", "성", "姓"
    ),
    "email": _aliases(
        "Email",
        "E-mail",
        "Email Address",
        "User Email",
        "Endereço de e-mail",
        "Correo electrónico",
        "Correo",
        "Adresse e-mail",
        "Courriel",
        "이메일",
        "사용자 이메일",
        "メール",
        "メールアドレス",
    ),
    "registration_time": _aliases(
        "Registration Time",
        "Horário de inscrição",
        "Hora de inscrição",
        "Data de inscrição",
        "Hora de registro",
        "Hora de inscripción",
        "Fecha de registro",
        "Heure d'inscription",
        "Date d'inscription",
        "등록 시간",
        "登録時間",
    ),
    "approval_status": _aliases(
        "Approval Status",
        "Status da Aprovação",
        "Status de aprovação",
        "Estado de aprobación",
        "Estado de la aprobación",
        "Statut d'approbation",
        "Statut de l'approbation",
        "승인 상태",
        "承認状況",
        "承認ステータス",
    ),
    "join_time": _aliases(
        "Join Time",
        "Hora do Ingresso",
        "Horário de entrada",
        "Hora de entrada",
        "Hora de ingreso",
        "Hora de unión",
        "Heure d'arrivée",
        "Heure de connexion",
        "참가 시간",
        "참여 시간",
        "参加時刻",
        "参加時間",
    ),
    "leave_time": _aliases(
        "Leave Time",
        "Horário de saída",
        "Hora de saída",
        "Hora de salida",
        "Heure de départ",
        "Heure de déconnexion",
        "나간 시간",
        "퇴장 시간",
        "退出時刻",
        "退出時間",
    ),
    "time_in_session": _aliases(
        "Time in Session (minutes)",
        "Tempo em Sessão (minutos)",
        "Tempo na sessão (minutos)",
        "Tiempo en la sesión (minutos)",
        "Tiempo en sesión (minutos)",
        "Durée de la session (minutes)",
        "Temps passé dans la session (minutes)",
        "Temps dans la session (minutes)",
        "세션 기간(분)",
        "セッション時間 (分)",
        "セッションの時間 (分)",
    ),
    "is_guest": _aliases(
        "Is Guest",
        "Guest",
        "É convidado",
        "Convidado",
        "Es invitado",
        "Invitado",
        "Est invité",
        "Invité",
        "게스트",
        "ゲスト",
    ),
    "country": _aliases(
        "Country/Region Name",
        "Nome do país/da região",
        "Nome do país/região",
        "Nombre del país/región",
        "Nombre del país/de la región",
        "Nom du pays/de la région",
        "Nom du pays/région",
        "국가/지역 이름",
        "国/地域名",
    ),
    "source_name": _aliases(
        "Source Name", "Nome da fonte", "Nombre de la fuente", "Nom de la source", "소스 이름"
    ),
}

# Approval Status -> REGISTRATION_STATUSES; the vendor word is kept in status_raw.
STATUS_PATTERNS = (
    ("cancelled", r"^(?:cancel|cancelad|annul|취소|キャンセル)"),
    ("denied", r"^(?:denied|deny|reject|negad|recusad|rechazad|denegad|refus|거부|拒否)"),
    ("pending", r"^(?:pending|pendente|pendiente|en attente|awaiting|대기|保留)"),
    (
        "approved",
        r"^(?:approved|upgraded to panelist|aprovad|aprobad|approuv|승인|承認)",
    ),
)

# Registration questions: text patterns, checked in this order (first match decides the target).
QUESTION_TARGETS = (
    (
        "org_type_raw",
        r"organi[sz]ation\s*type|type\s+of\s+(?:your\s+)?(?:organi[sz]ation|institution|entity|"
        r"employer)|sector|stakeholder|constituency|industry|ind[úu]stria|setor|secteur|"
        r"tipo\s+de\s+(?:organiza|institui|entidad)|type\s+d'organisation",
    ),
    ("gender_raw", r"gender|\bsex\b|genre|g[ée]nero|sexo|성별|性別"),
    ("country_raw", r"country|pa[íi]s|\bpays\b|국가|国|nationalit|nacionalidad"),
    (
        "job_title",
        r"job\s*title|position|designation|profession|occupation|\bcargo\b|puesto|"
        r"fun[çc][ãa]o|fonction|\bposte\b|profiss|profesi|직책|役職",
    ),
    (
        "organization",
        r"organi[sz]ation|organiza[çc][ãa]o|organizaci[óo]n|company|empresa|entreprise|"
        r"institution|institui[çc][ãa]o|instituci[óo]n|employer|affiliation|afilia|agency|"
        r"organisme|소속|所属",
    ),
)


# === meeting participants export ================================================================
MEETING_COLUMN_ALIASES = {
    "name": _aliases(
        "Name (Original Name)",
        "名前 (元の名前)",
        "이름(원래 이름)",
        "Nome (nome original)",
        "Nombre (nombre original)",
        "Nom (nom d'origine)",
        "Nom (nom original)",
    ),
    "email": _aliases(
        "User Email",
        "Email",
        "E-mail",
        "ユーザーメール",
        "メール",
        "사용자 이메일",
        "이메일",
        "E-mail do usuário",
        "Correo electrónico del usuario",
        "Correo electrónico",
        "E-mail de l'utilisateur",
        "Adresse e-mail",
    ),
    "join_time": _aliases(
        "Join Time",
        "参加時刻",
        "참가 시간",
        "Hora de entrada",
        "Horário de entrada",
        "Hora de ingreso",
        "Heure d'arrivée",
    ),
    "leave_time": _aliases(
        "Leave Time",
        "退出時刻",
        "나간 시간",
        "Hora de salida",
        "Horário de saída",
        "Heure de départ",
    ),
    "duration": _aliases(
        "Duration (Minutes)",
        "所要時間(分)",
        "기간(분)",
        "Duração (minutos)",
        "Duración (minutos)",
        "Durée (minutes)",
    ),
    "total_duration": _aliases(
        "Total Duration (Minutes)",
        "合計時間(分)",
        "合計所要時間(分)",
        "총 기간(분)",
        "Duração total (minutos)",
        "Duración total (minutos)",
        "Durée totale (minutes)",
    ),
    "guest": _aliases("Guest", "ゲスト", "게스트", "Convidado", "Invitado", "Invité"),
    "waiting_room": _aliases(
        "In Waiting Room",
        "待機室内",
        "待合室内",
        "대기실에서",
        "Na sala de espera",
        "En la sala de espera",
        "En salle d'attente",
    ),
    "country": _aliases("Country/Region Name", "Location", "Country"),
}
# Meeting-row labels naming the host's e-mail (the 2020 preamble's "User Email").
HOST_EMAIL_LABELS = _aliases("User Email", "Host Email", "ユーザーメール", "사용자 이메일")
# 2024+ meeting rows name the host instead ("Host"); matched against the participant name.
HOST_NAME_LABELS = _aliases(
    "Host", "Host Name", "ホスト", "호스트", "Anfitrião", "Anfitrión", "Hôte"
)
