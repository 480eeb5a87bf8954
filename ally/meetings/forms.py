"""Forms of the meeting, action-item and decision pages. They shape input; the actions decide
what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ally.accounts.models import User
from ally.meetings.actions.decisions import AFFECTABLE_ROLES
from ally.meetings.models import Committee, Decision, DecisionBody, Meeting, MeetingKind
from ally.tenancy.models import Organization, Region
from ally.tenancy.vocab import Discipline, TaskForceRoleKind

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CHECKBOXES = forms.CheckboxSelectMultiple


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class PeopleChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    chair = PersonChoice(label=_("Chair"), queryset=User.objects.none(), required=False)
    members = PeopleChoice(label=_("Members"), queryset=User.objects.none(), required=False, widget=CHECKBOXES)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ordered = people.order_by("full_name", "pk")
        self.fields["chair"].queryset = ordered  # type: ignore[attr-defined]
        self.fields["members"].queryset = ordered  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    committee = forms.ModelChoiceField(label=_("Subcommittee (for a subcommittee meeting)"),
                                       queryset=Committee.objects.none(), required=False)
    region = forms.ModelChoiceField(label=_("Region (for a listening session)"), queryset=Region.objects.none(),
                                    required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=300, required=False)
    call_link = forms.CharField(label=_("Call link"), max_length=500, required=False,
                                help_text=_("A web address starting with https://, if people can join by call."))
    agenda = forms.CharField(label=_("Agenda"), required=False, max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 6}))
    attendees = PeopleChoice(
        label=_("Attendee list (for a case review)"), queryset=User.objects.none(), required=False, widget=CHECKBOXES,
        help_text=_("Only the people on this list will see the case review, its agenda, minutes and action items. "
                    "You are always on it."),
    )

    def __init__(self, *args: Any, committees: QuerySet[Committee], regions: QuerySet[Region],
                 people: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        if people is None:
            del self.fields["attendees"]
        else:
            self.fields["attendees"].queryset = people.order_by("full_name", "pk")  # type: ignore[attr-defined]


class MeetingEditForm(forms.Form):
    title = MeetingForm.base_fields["title"]
    starts_at = MeetingForm.base_fields["starts_at"]
    ends_at = MeetingForm.base_fields["ends_at"]
    location = MeetingForm.base_fields["location"]
    call_link = MeetingForm.base_fields["call_link"]
    agenda = MeetingForm.base_fields["agenda"]

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        return {f: getattr(meeting, f) for f in ("title", "starts_at", "ends_at", "location", "call_link", "agenda")}


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), max_length=50000, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("No names or identifying details of survivors or clients in minutes: write what was "
                    "discussed and agreed, and refer to cases by their number only."),
    )


class PeopleForm(forms.Form):
    people = PeopleChoice(label=_("People"), queryset=User.objects.none(), required=False, widget=CHECKBOXES)

    def __init__(self, *args: Any, people: QuerySet[User], label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people.order_by("full_name", "pk")  # type: ignore[attr-defined]
        self.fields["people"].label = label


class CaseForm(forms.Form):
    client = forms.IntegerField(label=_("Client number"), min_value=1,
                                help_text=_("The number of a client record you can open yourself."))


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = PersonChoice(label=_("Owner"), queryset=User.objects.none(), required=False,
                         help_text=_("Who will do it. Every action item has an owner."))
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people.order_by("full_name", "pk")  # type: ignore[attr-defined]


class CompleteForm(forms.Form):
    note = forms.CharField(label=_("What was done"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


ROLE_CHOICES = [(r, label) for r, label in TaskForceRoleKind.choices if r in AFFECTABLE_ROLES]


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("Decision"), max_length=200)
    rationale = forms.CharField(label=_("Rationale"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}),
                                help_text=_("Why it was decided: members read this in the decision log."))
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    body = forms.ChoiceField(label=_("Decided by"), choices=DecisionBody.choices)
    committee = forms.ModelChoiceField(label=_("Subcommittee (when a subcommittee decided)"),
                                       queryset=Committee.objects.none(), required=False)
    meeting = forms.ModelChoiceField(label=_("Meeting where it was decided"), queryset=Meeting.objects.none(),
                                     required=False)
    affects_all = forms.BooleanField(label=_("Affects every member of the task force"), required=False)
    organizations = forms.ModelMultipleChoiceField(label=_("Organizations affected"), queryset=Organization.objects.none(),
                                                   required=False, widget=CHECKBOXES)
    disciplines = forms.MultipleChoiceField(label=_("Disciplines affected"), choices=Discipline.choices,
                                            required=False, widget=CHECKBOXES)
    roles = forms.MultipleChoiceField(label=_("Task-force roles affected"), choices=ROLE_CHOICES, required=False,
                                      widget=CHECKBOXES)
    supersedes = forms.ModelChoiceField(label=_("Supersedes an earlier decision"), queryset=Decision.objects.none(),
                                        required=False)

    def __init__(self, *args: Any, committees: QuerySet[Committee], meetings: QuerySet[Meeting],
                 organizations: QuerySet[Organization], decisions: QuerySet[Decision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["meeting"].label_from_instance = lambda m: f"{m.title} ({m.starts_at:%Y-%m-%d})"  # type: ignore[attr-defined]
        self.fields["organizations"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["supersedes"].queryset = decisions  # type: ignore[attr-defined]
        self.fields["supersedes"].label_from_instance = lambda d: f"{d.decided_on:%Y-%m-%d} {d.title}"  # type: ignore[attr-defined]


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    body = forms.ChoiceField(label=_("Decided by"), required=False,
                             choices=[("", _("Any body"))] + list(DecisionBody.choices))
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organization = forms.ModelChoiceField(label=_("Affects organization"), queryset=Organization.objects.none(),
                                          required=False, empty_label=_("Any organization"))

    def __init__(self, *args: Any, years: list[int], organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Any year"))] + [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
