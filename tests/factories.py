"""Factories for tests: build real rows through the models, with sane defaults."""

import factory
from django.utils import timezone
from django.utils.text import slugify

from curbside.accounts.models import User
from curbside.physicians.models import PhysicianProfile
from curbside.questions.models import Answer, Question
from curbside.topics.models import Topic

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    username = factory.SelfAttribute("email")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    email_confirmed = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Topic.Kind.CONDITION


class SpecialtyFactory(TopicFactory):
    name = factory.Sequence(lambda n: f"Specialty {n}")
    kind = Topic.Kind.SPECIALTY


class PhysicianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhysicianProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Dana Doctor {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    degree = PhysicianProfile.Degree.MD
    npi = "1234567893"
    status = PhysicianProfile.Status.VERIFIED

    @factory.post_generation
    def specialties(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.specialties.set(extracted)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    asker = factory.SubFactory(UserFactory)
    asker_name = factory.LazyAttribute(lambda o: o.asker.public_name)
    title = factory.Sequence(
        lambda n: f"Is this rash on my arm something to worry about {n}?"
    )
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:80])
    body = "It started a week ago, it itches at night and it is slowly spreading."
    needs_answer_since = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


class AnswerFactory(factory.django.DjangoModelFactory):
    """An answer row; use ``answer_post`` in tests of answering itself."""

    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    physician = factory.SubFactory(PhysicianFactory)
    body = "This looks like contact dermatitis. Try a fragrance-free moisturiser."
    body_html = factory.LazyAttribute(lambda o: f"<p>{o.body}</p>")
