"""The only place where data crosses between a city's schema and the hub: the only modules
of shared_apps that import a city app, and the only part of the hub a city app imports
(tests/test_imports.py holds the rule).

City → hub (to_hub): a city admin shares an implemented proposal (a snapshot is copied into
the public schema, personal data only with recorded consent), translates or withdraws it,
and each city pushes its statistics to the hub's read model.
Hub → city (to_city): a city admin adopts a published practice, which creates a draft call
or proposal in their own schema; city admins hear of reviews, of changes to practices they
adopted, and of new practices in a daily digest.
Both ways: a practice's discussion (discussion), what the pages of one side read of the
other (reads), and the texts of the hub's notifications in a city (notification_texts).

Every function here runs with the city's schema active (connection.tenant is the city),
unless it says otherwise; the hub's tables are reachable from there because the public
schema is on the search path. Neither side imports the other to reach here: the pages
(views, API) call these functions, and `connect` (from HubConfig.ready) makes the
boundary listen to both sides' signals and run its jobs in every city.
"""

from innovato.personal_data import personal_data_source_add
from shared_apps.hub.boundary import notification_texts  # noqa: F401  (registers the texts)
from shared_apps.hub.boundary.common import LANGUAGES, SNAPSHOT_FIELDS
from shared_apps.hub.boundary.discussion import practice_message_post
from shared_apps.hub.boundary.personal_data import hub_copies, staff_copies
from shared_apps.hub.boundary.reads import (
    city_call_find,
    city_call_get,
    city_calls_open,
    city_proposal_get,
    network_events_upcoming,
    network_practices_featured,
)
from shared_apps.hub.boundary.to_city import (
    adoption_report,
    city_admins_notify,
    practice_adopt,
    practice_review_tell_city,
    practice_reviewed_received,
    practices_digest_send,
)
from shared_apps.hub.boundary.to_hub import (
    city_statistics_push,
    consent_withdrawn_received,
    network_statistics_rebuild,
    practice_authors_forget,
    practice_share,
    practice_translate,
    practice_translate_where,
    practice_withdraw,
    text_language_check,
)
from shared_apps.hub.signals import practice_reviewed
from tenant_apps.proposals.signals import publication_consent_withdrawn
from tenants.scheduling import CITY_REPORTS, city_job_add

__all__ = [
    "LANGUAGES", "SNAPSHOT_FIELDS", "adoption_report", "city_admins_notify", "city_call_find",
    "city_call_get", "city_calls_open", "city_proposal_get", "city_statistics_push",
    "connect", "network_events_upcoming", "network_practices_featured",
    "network_statistics_rebuild", "practice_adopt", "practice_authors_forget",
    "practice_message_post", "practice_review_tell_city", "practice_share",
    "practice_translate", "practice_translate_where", "practice_withdraw",
    "practices_digest_send", "text_language_check",
]


def connect() -> None:
    """Wire the boundary to both sides (HubConfig.ready): the hub's reviews reach the source
    city, a withdrawn consent takes the author's name out of the hub's copy at once, and
    every city pushes its figures and sends its digest after its own jobs, a city person's
    erasure reaches the hub's copies of their name, and a coordinator's reaches the
    cities' notifications naming them. Connecting again changes nothing."""
    practice_reviewed.connect(practice_reviewed_received, dispatch_uid="boundary.reviewed")
    publication_consent_withdrawn.connect(consent_withdrawn_received,
                                          dispatch_uid="boundary.consent_withdrawn")
    city_job_add(city_statistics_push, rank=CITY_REPORTS)
    city_job_add(practices_digest_send, rank=CITY_REPORTS)
    # A person's copy of their data and their erasure reach the hub's copies of their name;
    # a coordinator's erasure reaches the cities' notifications that name them.
    personal_data_source_add(hub_copies)
    personal_data_source_add(staff_copies)
