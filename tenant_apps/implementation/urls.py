from django.urls import path

from tenant_apps.implementation import views

app_name = "implementation"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("start/<int:proposal_pk>/", views.StartView.as_view(), name="start"),
    path("<int:pk>/", views.ImplementationDetailView.as_view(), name="detail"),
    path("<int:pk>/progress/", views.ProgressView.as_view(), name="progress"),
    path("<int:pk>/lead/", views.LeadView.as_view(), name="lead"),
    path("<int:pk>/finish/", views.FinishView.as_view(), name="finish"),
    path("<int:pk>/milestones/", views.MilestoneAddView.as_view(), name="milestone_add"),
    path("<int:pk>/updates/", views.UpdatePostView.as_view(), name="update_post"),
    path("<int:pk>/savings/", views.SavingsRecordView.as_view(), name="savings_record"),
    path("milestones/<int:pk>/", views.MilestoneEditView.as_view(), name="milestone_edit"),
    path("updates/<int:pk>/evidence/", views.EvidenceView.as_view(), name="evidence"),
]
