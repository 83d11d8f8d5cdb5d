from django.urls import path

from tenant_apps.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.ProposalListView.as_view(), name="list"),
    path("new/", views.proposal_create, name="create"),
    path("similar/", views.proposal_similar, name="similar"),
    path("autosave/", views.proposal_autosave, name="autosave"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/submit/", views.proposal_submit, name="submit"),
    path("<int:pk>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("<int:pk>/support/", views.proposal_support, name="support"),
    path("<int:pk>/follow/", views.proposal_follow, name="follow"),
    path("<int:pk>/consent/", views.publication_consent, name="consent"),
    path("<int:pk>/vote/", views.proposal_vote, name="vote"),
    path("<int:pk>/coauthors/", views.coauthor_invite, name="coauthor_invite"),
    path("<int:pk>/coauthors/answer/", views.coauthor_answer, name="coauthor_answer"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download,
         name="attachment_download"),
    path("<int:pk>/attachments/<int:attachment_id>/remove/", views.attachment_remove,
         name="attachment_remove"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/comments/<int:comment_id>/hide/", views.comment_hide, name="comment_hide"),
]
