from django.urls import path

from tenant_apps.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.my_assignments, name="mine"),
    path("assignments.csv", views.my_assignments_csv, name="mine_csv"),
    path("assignments/<int:pk>/", views.scorecard, name="scorecard"),
    path("assignments/<int:pk>/conflict/", views.declare_conflict, name="conflict"),
    path("calls/<int:pk>/", views.call_evaluation, name="call"),
    path("calls/<int:pk>/committee/", views.committee_change, name="committee"),
    path("calls/<int:pk>/assign/", views.assign_automatically, name="assign_auto"),
    path("calls/<int:pk>/ranking.csv", views.ranking_csv, name="ranking_csv"),
    path("calls/<int:pk>/proposals.csv", views.proposals_export, {"extension": "csv"},
         name="proposals_csv"),
    path("calls/<int:pk>/proposals.xlsx", views.proposals_export, {"extension": "xlsx"},
         name="proposals_xlsx"),
    path("calls/<int:pk>/proposals/<int:proposal_id>/eligibility/", views.eligibility,
         name="eligibility"),
    path("calls/<int:pk>/proposals/<int:proposal_id>/assign/", views.assign, name="assign"),
    path("calls/<int:pk>/proposals/<int:proposal_id>/decision/", views.decide, name="decide"),
    path("calls/<int:pk>/proposals/<int:proposal_id>/shortlist/", views.shortlist,
         name="shortlist"),
]
