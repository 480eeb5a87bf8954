"""The task force's own vocabulary for tenancy: kinds, disciplines, jurisdictions, roles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskForceKind(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    STATEWIDE = "statewide", _("Statewide")
    TRIBAL = "tribal", _("Tribal")


class Discipline(models.TextChoices):
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    PROSECUTION = "prosecution", _("Prosecution")
    VICTIM_SERVICES = "victim_services", _("Victim services")
    GOVERNMENT_OTHER = "government_other", _("Other government")
    COMMUNITY = "community", _("Community")


class AgencyType(models.TextChoices):
    """For other-government partners: which part of government they are."""

    NONE = "", _("—")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    HEALTH = "health", _("Health")
    LABOR = "labor", _("Labor")
    OTHER = "other", _("Other")


class Jurisdiction(models.TextChoices):
    LOCAL = "local", _("Local")
    STATE = "state", _("State")
    FEDERAL = "federal", _("Federal")
    TRIBAL = "tribal", _("Tribal")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    SUPERVISOR = "supervisor", _("Supervisor")
    ORG_ADMIN = "org_admin", _("Organization administrator")


class TaskForceRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    CO_LEAD = "co_lead", _("Co-lead")
    NAVIGATOR = "navigator", _("Regional navigator")
    SURVIVOR_LEADER_ADVISOR = "survivor_leader_advisor", _("Survivor-leader advisor")
    AUDITOR = "auditor", _("Funder / auditor")


US_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI"
).split()
