from __future__ import annotations

import factory

from tandem.accounts.models import RoleAssignment, User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.net")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    language = "en"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user=self, role=r) for r in extracted]
            )
