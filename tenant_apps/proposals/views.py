from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from innovato.errors import ActionRefused
from innovato.links import url_with_id
from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call, Phase, Theme
from tenant_apps.proposals import selectors, services
from tenant_apps.proposals.downloads import attachment_response
from tenant_apps.proposals.forms import (
    AttachmentForm,
    CoAuthorForm,
    CommentForm,
    HideCommentForm,
    ProposalForm,
)
from tenant_apps.proposals.models import (
    CoAuthor,
    Comment,
    Proposal,
    Status,
)


def _visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    try:
        return selectors.proposal_for_user(user=request.user, pk=pk)
    except Proposal.DoesNotExist as missing:
        raise Http404 from missing


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ProposalListView(LoginRequiredMixin, ListView):
    template_name = "proposals/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = 25

    def get_queryset(self):
        proposals = selectors.proposals_visible_to(self.request.user)
        params = self.request.GET
        if call := params.get("call", "").strip():
            proposals = proposals.filter(call_id=int(call)) if call.isdigit() else proposals.none()
        if status := params.get("status"):
            proposals = proposals.filter(status=status)
        if theme := params.get("theme", "").strip():
            proposals = proposals.filter(theme_id=theme) if theme.isdigit() else proposals.none()
        if params.get("mine"):
            proposals = proposals.filter(author=self.request.user)
        if text := params.get("q", "").strip():
            proposals = selectors.proposal_search(proposals, text)
        return proposals

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            calls=Call.objects.exclude(phase=Phase.DRAFT).order_by("-submission_starts"),
            statuses=Status.choices, themes=Theme.objects.all(), filters=self.request.GET,
            **kwargs)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Its reads, the same on every visit, parsed and planned once on a connection.
    with connection.prepared_statements():
        return _detail_page(request, _visible_proposal(request, pk))


def _detail_page(request: HttpRequest, proposal: Proposal, *,
                 attachment_form: AttachmentForm | None = None, status: int = 200
                 ) -> HttpResponse:
    """The proposal's page; `attachment_form` is one that came back with errors."""
    user = request.user
    call = proposal.call
    is_admin = user.has_role(Role.CITY_ADMIN)
    hidden_authors = selectors.authors_hidden(proposal, user)
    # Kept on the proposal, so the checks below that depend on it don't ask again.
    proposal.anonymised_for_viewer = hidden_authors
    comments = selectors.discussion_of(proposal)
    masked = selectors.names_masked_for(proposal, user)
    for comment in comments:
        for shown in (comment, *comment.thread):
            shown.author_label = (_("Author") if shown.author_id in masked
                                  else shown.author.author_name)
            if is_admin:
                shown.hide_url = url_with_id("proposals:comment_hide", shown.pk, proposal.pk)
    # The reader's place in the team, read from the team loaded with the proposal.
    team_place = selectors.coauthor_state(proposal, user)
    is_author = proposal.author_id == user.pk or team_place == CoAuthor.State.ACCEPTED
    can_support = proposal.status in services.SUPPORTABLE_STATUSES
    support_count, supported, following = selectors.support_and_follow(proposal, user)
    voting = call.phase == Phase.VOTING
    # A call with a budgeted vote (the voting app's setup) takes ballots instead.
    budgeted = voting and hasattr(call, "voting_setup")
    can_vote = voting and proposal.status in services.VOTABLE_STATUSES and not budgeted
    return render(request, "proposals/proposal_detail.html", {
        "proposal": proposal,
        "call": call,
        "hidden_authors": hidden_authors,
        "is_author": is_author,
        "is_admin": is_admin,
        "pending_invitation": team_place == CoAuthor.State.INVITED,
        "can_support": can_support,
        "support_count": support_count,
        "supported": supported,
        "following": following,
        "consented": is_author and selectors.consented(proposal, user),
        "attachments": list(proposal.attachments.all()),
        "comments": comments,
        # The CSRF field, built once for the two forms of every comment.
        "csrf_input": csrf_input(request),
        "attachment_form": attachment_form,
        "decision_visible": (call.results_published_at is not None or is_admin)
        and hasattr(proposal, "decision"),
        "can_vote": can_vote,
        "vote_count": proposal.votes.count() if can_vote else 0,
        "ballot_call": call if budgeted else None,
        "editable": is_author and call.phase == Phase.SUBMISSION
        and proposal.status in (Status.DRAFT, Status.SUBMITTED),
        "history": selectors.version_history(proposal)
        if selectors.history_visible_to(proposal, user) else None,
    }, status=status)


@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    call = get_object_or_404(Call.objects.exclude(phase=Phase.DRAFT),
                             pk=request.GET.get("call") or request.POST.get("call") or 0)
    if call.phase != Phase.SUBMISSION:
        return render(request, "action_refused.html", {"message": _(
            "This call is not accepting proposals now.")}, status=409)
    form = ProposalForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(call=call, author=request.user,
                                                **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Draft saved. Keep writing, then submit it."))
            return redirect("proposals:edit", pk=proposal.pk)
    return render(request, "proposals/proposal_form.html", {"form": form, "call": call},
                  status=400 if request.method == "POST" else 200)


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    if not services.is_author(proposal, request.user):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            if request.htmx:
                return render(request, "proposals/_autosave_status.html",
                              {"saved_at": timezone.now()})
            messages.success(request, _("Your changes are saved."))
            return redirect(proposal)
    if request.method == "POST" and request.htmx:
        return render(request, "proposals/_autosave_status.html", {"errors": form.errors},
                      status=400)
    return render(request, "proposals/proposal_form.html",
                  {"form": form, "call": proposal.call, "proposal": proposal},
                  status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def proposal_autosave(request: HttpRequest) -> HttpResponse:
    """Drafts save as the author types (htmx). Without `draft` the first save creates the
    draft: the answer then gives the form the draft's id and the page the draft's edit
    address, so the next saves update it and a reload shows what was typed."""
    draft = request.POST.get("draft", "").strip()
    if draft:
        proposal = _visible_proposal(request, int(draft) if draft.isdigit() else 0)
        if not services.is_author(proposal, request.user):
            raise PermissionDenied
        form = ProposalForm(request.POST, instance=proposal)

        def save(data):
            return services.proposal_update(proposal=proposal, by=request.user, **data)
    else:
        call_pk = request.POST.get("call", "")
        call = get_object_or_404(Call.objects.exclude(phase=Phase.DRAFT),
                                 pk=int(call_pk) if call_pk.isdigit() else 0)
        form = ProposalForm(request.POST, call=call)

        def save(data):
            return services.proposal_create(call=call, author=request.user, **data)
    if form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        except ActionRefused as refused:
            return render(request, "proposals/_autosave_status.html",
                          {"message": refused.message}, status=400)
        else:
            response = render(request, "proposals/_autosave_status.html", {
                "saved_at": timezone.now(), "proposal": saved, "created": not draft})
            if not draft:
                response["HX-Replace-Url"] = reverse("proposals:edit", args=[saved.pk])
            return response
    return render(request, "proposals/_autosave_status.html", {"errors": form.errors},
                  status=400)


@login_required
def proposal_similar(request: HttpRequest) -> HttpResponse:
    """As an author types a title: proposals that look like the same idea."""
    call_pk = request.GET.get("call", "")
    call = Call.objects.filter(pk=int(call_pk) if call_pk.isdigit() else 0).first()
    # `draft`: the proposal being written, never suggested to its own author.
    excluded = request.GET.get("exclude") or request.GET.get("draft") or ""
    exclude = Proposal.objects.filter(pk=int(excluded) if excluded.isdigit() else 0).first()
    similar = selectors.proposals_similar(user=request.user, title=request.GET.get("title", ""),
                                          exclude=exclude)
    return render(request, "proposals/_similar.html", {"similar": similar, "call": call})


def _action(request: HttpRequest, pk: int, done: str, perform) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    try:
        perform(proposal)
    except ValidationError as error:
        return render(request, "action_refused.html",
                      {"message": " ".join(error.messages),
                       "back": proposal.get_absolute_url()}, status=400)
    if done:
        messages.success(request, done)
    return redirect(proposal)


@require_POST
@login_required
def proposal_submit(request, pk):
    return _action(request, pk, _("Your proposal is submitted. Good luck!"),
                   lambda p: services.proposal_submit(proposal=p, by=request.user))


@require_POST
@login_required
def proposal_withdraw(request, pk):
    return _action(request, pk, _("Your proposal is withdrawn."),
                   lambda p: services.proposal_withdraw(proposal=p, by=request.user))


@require_POST
@login_required
def proposal_support(request, pk):
    if request.POST.get("undo"):
        return _action(request, pk, _("Your support is removed."),
                       lambda p: services.support_remove(proposal=p, user=request.user))
    return _action(request, pk, _("Thank you for your support."),
                   lambda p: services.support_add(proposal=p, user=request.user))


@require_POST
@login_required
def proposal_follow(request, pk):
    following = not request.POST.get("undo")
    return _action(request, pk, _("You follow this proposal.") if following else
                   _("You no longer follow this proposal."),
                   lambda p: services.follow_set(proposal=p, user=request.user,
                                                 following=following))


@require_POST
@login_required
def proposal_vote(request, pk):
    return _action(request, pk, _("Your vote is counted."),
                   lambda p: services.vote_cast(proposal=p, user=request.user))


@require_POST
@login_required
def coauthor_invite(request, pk):
    form = CoAuthorForm(request.POST)
    colleague = User.objects.filter(username=form.data.get("username", "").strip(),
                                    is_active=True).first()
    if colleague is None:
        raise Http404(_("No colleague has this username."))
    return _action(request, pk, _("Invitation sent to %(name)s.") % {
        "name": colleague.display_name},
        lambda p: services.coauthor_invite(proposal=p, user=colleague, by=request.user))


@require_POST
@login_required
def coauthor_answer(request, pk):
    accept = request.POST.get("answer") == "accept"
    return _action(request, pk, _("You are now a co-author.") if accept else
                   _("You declined the invitation."),
                   lambda p: services.coauthor_answer(proposal=p, user=request.user,
                                                      accept=accept))


@require_POST
@login_required
def attachment_add(request, pk):
    proposal = _visible_proposal(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(proposal=proposal, upload=form.cleaned_data["file"],
                                    by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The file is attached."))
            return redirect(proposal)
    # The page again, with the reason next to the file field.
    return _detail_page(request, proposal, attachment_form=form, status=400)


@require_POST
@login_required
def attachment_remove(request, pk, attachment_id):
    proposal = _visible_proposal(request, pk)
    attachment = get_object_or_404(proposal.attachments, pk=attachment_id)
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("The attachment is removed."))
    return redirect(proposal)


@login_required
def attachment_download(request, pk, attachment_id):
    proposal = _visible_proposal(request, pk)
    attachment = get_object_or_404(proposal.attachments, pk=attachment_id)
    return attachment_response(attachment)


@require_POST
@login_required
def comment_add(request, pk):
    form = CommentForm(request.POST)
    body = form.data.get("body", "")
    parent_id = form.data.get("parent") or None

    def perform(proposal):
        parent = (get_object_or_404(Comment, pk=parent_id, proposal=proposal)
                  if parent_id else None)
        services.comment_add(proposal=proposal, author=request.user, body=body, parent=parent)

    return _action(request, pk, _("Your comment is posted."), perform)


@require_POST
@login_required
def comment_hide(request, pk, comment_id):
    reason = HideCommentForm(request.POST).data.get("reason", "")

    def perform(proposal):
        comment = get_object_or_404(Comment, pk=comment_id, proposal=proposal)
        services.comment_hide(comment=comment, by=request.user, reason=reason)

    return _action(request, pk, _("The comment is hidden."), perform)



@require_POST
@login_required
def publication_consent(request, pk):
    consent = bool(request.POST.get("consent"))
    return _action(request, pk, _("Your choice is saved."),
                   lambda p: services.publication_consent_set(proposal=p, user=request.user,
                                                              consent=consent))
