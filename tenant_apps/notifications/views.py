from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView

from tenant_apps.notifications import selectors, services
from tenant_apps.notifications.forms import NotificationFilterForm, PreferencesForm
from tenant_apps.notifications.registry import render_all


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.filters = NotificationFilterForm(request.GET)
        response = super().get(request, *args, **kwargs)
        if not self.filters.is_valid():
            response.status_code = 400  # the page says which filter was wrong
        return response

    def get_queryset(self):
        if not self.filters.is_valid():
            return selectors.notifications_of(user=self.request.user).none()
        data = self.filters.cleaned_data
        return selectors.notifications_of(user=self.request.user, unread_first=True,
                                          unread_only=data["show"] == "unread",
                                          kind=data["kind"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            unread_count=selectors.unread_count(user=self.request.user),
            filters=self.filters,
            filtered=any(self.request.GET.get(name) for name in ("show", "kind")), **kwargs)
        # Written now, in the reader's language of today.
        context["notifications"] = context["object_list"] = render_all(context["notifications"])
        return context


class NotificationOpenView(LoginRequiredMixin, View):
    """Opening changes state (it marks read), so it is a POST."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        notification = get_object_or_404(selectors.notifications_of(user=request.user), pk=pk)
        target = services.notification_open(notification=notification)
        return redirect(target or "notifications:list")


class NotificationsMarkAllReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.notifications_mark_all_read(user=request.user)
        if count:
            messages.success(request, ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.", count) % {"count": count})
        return redirect("notifications:list")


class PreferencesView(LoginRequiredMixin, View):
    template_name = "notifications/preferences.html"

    def get(self, request):
        user = request.user
        enabled = selectors.email_preferences(user=user)
        language = user.language if user.language in dict(
            selectors.city_language_choices()) else ""
        form = PreferencesForm(initial={
            "email": [kind for kind, on in enabled.items() if on], "language": language})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = PreferencesForm(request.POST)
        if form.is_valid():
            language = form.cleaned_data["language"]
            try:
                services.preferences_save(user=request.user,
                                          email_kinds=form.cleaned_data["email"],
                                          language=language)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Your preferences are saved."))
                response = redirect("notifications:preferences")
                # The switcher's cookie outranks the profile, so it follows the new choice
                # or the chosen language would only show once the cookie is gone.
                if language:
                    response.set_cookie(
                        settings.LANGUAGE_COOKIE_NAME, language,
                        max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH,
                        domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE,
                        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                    )
                else:
                    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME,
                                           path=settings.LANGUAGE_COOKIE_PATH,
                                           domain=settings.LANGUAGE_COOKIE_DOMAIN)
                return response
        return render(request, self.template_name, {"form": form}, status=400)
