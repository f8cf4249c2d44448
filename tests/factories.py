"""factory-boy factories for the foundation models."""

from __future__ import annotations

import factory
from django.utils.text import slugify

from lontar.accounts.models import Membership, Role, User
from lontar.organisations.models import Organisation, OrganisationKind, Region, RegionLevel

__all__ = ["MembershipFactory", "OrganisationFactory", "RegionFactory", "UserFactory"]


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"53.{n + 10:02d}")
    name = factory.Sequence(lambda n: f"Kabupaten Contoh {n}")
    level = RegionLevel.KABUPATEN


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Pemerintah Kabupaten Contoh {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name)[:110])
    kind = OrganisationKind.INSTANSI
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@contoh.go.id")
    full_name = factory.Sequence(lambda n: f"Pengguna {n}")
    password = factory.PostGenerationMethodCall("set_password", "kata-sandi-uji-123")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER
