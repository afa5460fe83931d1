"""The portal's fixed pages: home, about, contact, and the statements every page links to."""

from django.conf import settings
from django.views.generic import TemplateView

from portal import statements


class HomeView(TemplateView):
    template_name = "portal/home.html"


class AboutView(TemplateView):
    template_name = "portal/about.html"


class ContactView(TemplateView):
    template_name = "portal/contact.html"


class LinksView(TemplateView):
    template_name = "portal/links.html"
    extra_context = {"link_groups": statements.LINK_GROUPS}


class AccessibilityView(TemplateView):
    template_name = "portal/accessibility.html"
    extra_context = {"reviewed_on": statements.ACCESSIBILITY_REVIEWED}


class PrivacyView(TemplateView):
    """The portal-wide privacy policy: every form's data in one place, pointing to the
    versioned notices a resident consents to (dossiers, feedback)."""

    template_name = "portal/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            draft_days=settings.DOSSIER_DRAFT_DAYS,
            dossier_retention_days=settings.DOSSIER_RETENTION_DAYS,
            feedback_retention_days=settings.FEEDBACK_RETENTION_DAYS,
            appointment_retention_days=settings.APPOINTMENT_RETENTION_DAYS,
            **kwargs,
        )
