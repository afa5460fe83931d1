"""Factories for the staff side."""

import factory
from django.contrib.auth import get_user_model

STAFF_PASSWORD = "Bàn-tiếp-nhận-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `staff=True` for a desk officer, `superuser=True` for the system admin."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@anphong.example")
    password = factory.PostGenerationMethodCall("set_password", STAFF_PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
