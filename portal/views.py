"""The portal's fixed pages: home, about, contact."""

from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "portal/home.html"


class AboutView(TemplateView):
    template_name = "portal/about.html"


class ContactView(TemplateView):
    template_name = "portal/contact.html"
