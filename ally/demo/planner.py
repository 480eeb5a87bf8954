"""The demo's plan: every task force, region, organization and account, before anything is saved.

A plan depends on the scale and the seed only (one random.Random per task force, seeded from
both), so the same command always produces the same names, emails and passwords, and the
accounts table can be printed again without reading the database.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from ally.demo import names
from ally.demo.places import NATIONAL_STATES, STATEWIDE_STATE, RegionProfile, StateProfile
from ally.demo.plans import (
    CAPITAL,
    CO_LEADS,
    COMMUNITY,
    CROSS_DESIGNATED,
    ORG_ADMIN,
    ORG_ADMIN_TITLES,
    ORGANIZATIONS,
    PERSONAS,
    TRIBAL,
    VS,
    OrganizationTemplate,
    PersonaTemplate,
)
from ally.tenancy.vocab import TaskForceKind

SCALES: tuple[str, ...] = ("small", "statewide", "national")
EMAIL_DOMAIN = "demo.ally.test"


class DemoError(Exception):
    """The demo cannot be built here (not in demo mode, or it clashes with existing data)."""


@dataclass(frozen=True)
class RegionPlan:
    name: str
    counties: tuple[str, ...]
    zip_codes: tuple[str, ...]


@dataclass(frozen=True)
class OrganizationPlan:
    key: str
    name: str
    discipline: str
    agency_type: str
    jurisdiction: str
    street: str
    city: str
    state: str
    zip_code: str
    phone: str
    email: str
    website: str
    regions_served: tuple[str, ...]  # region names


@dataclass(frozen=True)
class DemoAccount:
    """One sign-in account of the demo, with everything needed to sign in as it."""

    task_force: str  # the task force's slug
    key: str  # unique in its task force: a persona key, "org_admin:<org>", "staff:<org>:<n>"…
    persona: str  # a persona key (see PERSONA_KEYS), or "" for the other accounts
    label: str  # what the accounts table shows in its first column
    full_name: str
    email: str
    password: str
    title: str
    phone: str
    organization: str  # the main organization's name, or a note for people without one
    memberships: tuple[tuple[str, str], ...]  # (organization key, membership role)
    task_force_roles: tuple[str, ...]
    navigator_regions: tuple[str, ...]  # region names


@dataclass(frozen=True)
class TaskForcePlan:
    slug: str
    name: str
    kind: str
    states: tuple[str, ...]
    time_zone: str
    regions: tuple[RegionPlan, ...]
    organizations: tuple[OrganizationPlan, ...]
    co_leads: tuple[str, ...]  # organization keys
    accounts: tuple[DemoAccount, ...]

    def organization(self, key: str) -> OrganizationPlan:
        return next(o for o in self.organizations if o.key == key)


def _ascii_label(text: str) -> str:
    """'José' → 'jose', "O'Brien" → 'obrien', 'Pa Nhia' → 'panhia'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


class _Planner:
    """Plans one task force from a state profile, drawing from its own random generator."""

    def __init__(
        self,
        state: StateProfile,
        *,
        scale: str,
        seed: int,
        slug: str,
        name: str,
        kind: str,
        region_count: int,
        small: bool,
        domain: str,
    ) -> None:
        self.state, self.slug, self.name, self.kind = state, slug, name, kind
        self.small, self.domain = small, domain
        self.rng = random.Random(f"ally-demo:{scale}:{seed}:{slug}")
        self.profiles = state.regions[:region_count]
        self.used_names: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_passwords: set[str] = set()
        self.fields = self._fields()
        self.domain_fields = {k: _ascii_label(v) for k, v in self.fields.items()}

    # --- places and organizations ---

    def _fields(self) -> dict[str, str]:
        """Values for the name patterns; they name places of the whole state."""
        state = self.state
        fields = {
            "state": state.name,
            "district": state.federal_district,
            "tribe": state.tribe,
            "sbi": state.state_investigations,
            "sbi_domain": state.state_investigations_domain,
        }
        for i, region in enumerate(state.regions):
            fields[f"city{i}"] = region.cities[0][0]
            fields[f"county{i}"] = region.counties[0]
        city0, fbi = fields["city0"], state.fbi_office
        fields["fbi_name"] = (
            f"FBI {fbi} Field Office"
            if fbi == city0
            else f"FBI {fbi} Field Office - {city0} Resident Agency"
        )
        return fields

    def _region_index(self, index: int) -> int:
        return index % len(self.profiles)

    def regions(self) -> tuple[RegionPlan, ...]:
        return tuple(RegionPlan(p.name, p.counties, p.zip_codes) for p in self.profiles)

    def _office(self, template: OrganizationTemplate) -> tuple[RegionProfile, tuple[str, str]]:
        """The region and (city, ZIP code) of an organization's office."""
        if template.home_region == CAPITAL:
            region_index, city_index = self.state.capital
            region = self.profiles[self._region_index(region_index)]
            return region, region.cities[city_index % len(region.cities)]
        region = self.profiles[self._region_index(template.home_region)]
        if template.discipline in (VS, COMMUNITY) and template.jurisdiction != TRIBAL:
            # Non-profits are anywhere in their region; public agencies sit in its main city.
            return region, region.cities[self.rng.randrange(len(region.cities))]
        return region, region.cities[0]

    def _phone(self, area_code: str) -> str:
        while True:
            phone = f"({area_code}) 555-01{self.rng.randrange(100):02d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def organization(self, template: OrganizationTemplate) -> OrganizationPlan:
        name = template.name.format(**self.fields)
        domain_label = template.domain.format(**self.domain_fields)
        if template.key in self.state.overrides:
            name, domain_label = self.state.overrides[template.key]
        home, (city, zip_code) = self._office(template)
        if template.serves is None:
            served = tuple(p.name for p in self.profiles)
        else:
            indexes = sorted({self._region_index(i) for i in template.serves})
            served = tuple(self.profiles[i].name for i in indexes)
        street = f"{self.rng.randrange(100, 5000)} {self.rng.choice(names.STREETS)}"
        if self.rng.random() < 0.4:
            street += f", Suite {self.rng.randrange(1, 9)}{self.rng.randrange(10, 100)}"
        host = f"{domain_label}.{self.domain}"
        return OrganizationPlan(
            key=template.key,
            name=name,
            discipline=str(template.discipline),
            agency_type=str(template.agency_type),
            jurisdiction=str(template.jurisdiction),
            street=street,
            city=city,
            state=self.state.code,
            zip_code=zip_code,
            phone=self._phone(home.area_code),
            email=f"info@{host}",
            website=f"https://www.{host}/",
            regions_served=served,
        )

    # --- people ---

    def _person(self, host: str) -> tuple[str, str]:
        while True:
            first = self.rng.choice(names.FIRST_NAMES)
            last = self.rng.choice(names.LAST_NAMES)
            full_name = f"{first} {last}"
            email = f"{_ascii_label(first)}.{_ascii_label(last)}@{host}"
            if full_name not in self.used_names and email not in self.used_emails:
                self.used_names.add(full_name)
                self.used_emails.add(email)
                return full_name, email

    def _password(self) -> str:
        while True:
            words = self.rng.sample(names.PASSWORD_WORDS, 3)
            password = "-".join([*words, f"{self.rng.randrange(10, 100)}"])
            if password not in self.used_passwords:
                self.used_passwords.add(password)
                return password

    def account(
        self,
        *,
        key: str,
        persona: str,
        label: str,
        title: str,
        organization: OrganizationPlan | None,
        memberships: tuple[tuple[str, str], ...],
        task_force_roles: tuple[str, ...] = (),
        navigator_regions: tuple[str, ...] = (),
        affiliation: str = "",
        domain: str = "",
    ) -> DemoAccount:
        host = (
            organization.email.split("@", 1)[1]
            if organization is not None
            else f"{domain}.{self.domain}"
        )
        full_name, email = self._person(host)
        password = self._password()
        phone = ""
        if organization is not None:
            phone = f"{organization.phone} ext. {self.rng.randrange(200, 900)}"
        return DemoAccount(
            task_force=self.slug,
            key=key,
            persona=persona,
            label=label,
            full_name=full_name,
            email=email,
            password=password,
            title=title,
            phone=phone,
            organization=organization.name if organization is not None else affiliation,
            memberships=memberships,
            task_force_roles=task_force_roles,
            navigator_regions=navigator_regions,
        )

    def _from_template(
        self, template: PersonaTemplate, orgs: dict[str, OrganizationPlan], *, persona: str
    ) -> DemoAccount:
        organization = orgs.get(template.organization)
        memberships: tuple[tuple[str, str], ...] = ()
        if organization is not None:
            memberships = ((organization.key, str(template.role)),)
        memberships += tuple((k, str(r)) for k, r in template.also_member_of if k in orgs)
        regions = tuple(
            self.profiles[i].name for i in sorted({self._region_index(i) for i in
                                                   template.navigator_regions})
        )
        return self.account(
            key=template.key,
            persona=persona,
            label=template.label,
            title=template.title,
            organization=organization,
            memberships=memberships,
            task_force_roles=tuple(str(r) for r in template.task_force_roles),
            navigator_regions=regions,
            affiliation=template.affiliation,
            domain=template.domain,
        )

    def plan(self) -> TaskForcePlan:
        templates = [t for t in ORGANIZATIONS if t.in_small or not self.small]
        organizations = tuple(self.organization(t) for t in templates)
        orgs = {o.key: o for o in organizations}
        accounts = [self._from_template(p, orgs, persona=p.key) for p in PERSONAS]
        accounts.append(self._from_template(CROSS_DESIGNATED, orgs, persona=""))
        for template, org in zip(templates, organizations, strict=True):
            accounts.append(
                self.account(
                    key=f"org_admin:{org.key}",
                    persona="",
                    label="Organization administrator",
                    title=ORG_ADMIN_TITLES[template.discipline],
                    organization=org,
                    memberships=((org.key, str(ORG_ADMIN)),),
                )
            )
        if not self.small:
            for template, org in zip(templates, organizations, strict=True):
                for n, (title, role) in enumerate(template.staff, start=1):
                    accounts.append(
                        self.account(
                            key=f"staff:{org.key}:{n}",
                            persona="",
                            label=str(role).replace("_", " ").capitalize(),
                            title=title,
                            organization=org,
                            memberships=((org.key, str(role)),),
                        )
                    )
        return TaskForcePlan(
            slug=self.slug,
            name=self.name,
            kind=self.kind,
            states=(self.state.code,),
            time_zone=self.state.time_zone,
            regions=self.regions(),
            organizations=organizations,
            co_leads=tuple(k for k in CO_LEADS if k in orgs),
            accounts=tuple(accounts),
        )


def _check(scale: str, seed: int) -> None:
    if scale not in SCALES:
        raise DemoError(f"unknown demo scale {scale!r} (choose from {', '.join(SCALES)})")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise DemoError("the demo seed is a whole number")


def plan(scale: str = "statewide", seed: int = 1) -> list[TaskForcePlan]:
    """Every task force the demo of this scale and seed consists of, fully planned."""
    _check(scale, seed)
    if scale == "small":
        planner = _Planner(
            STATEWIDE_STATE,
            scale=scale,
            seed=seed,
            slug="demo-small",
            name="Lakeshore Regional Anti-Trafficking Task Force",
            kind=TaskForceKind.REGIONAL,
            region_count=2,
            small=True,
            domain=f"small.{EMAIL_DOMAIN}",
        )
        return [planner.plan()]
    if scale == "statewide":
        planner = _Planner(
            STATEWIDE_STATE,
            scale=scale,
            seed=seed,
            slug="demo-statewide",
            name=STATEWIDE_STATE.task_force_name,
            kind=TaskForceKind.STATEWIDE,
            region_count=4,
            small=False,
            domain=EMAIL_DOMAIN,
        )
        return [planner.plan()]
    return [
        _Planner(
            state,
            scale=scale,
            seed=seed,
            slug=f"demo-national-{state.code.lower()}",
            name=f"{state.task_force_name} (national demo)",
            kind=TaskForceKind.STATEWIDE,
            region_count=4,
            small=False,
            domain=f"national-{state.code.lower()}.{EMAIL_DOMAIN}",
        ).plan()
        for state in NATIONAL_STATES
    ]


def accounts(scale: str = "statewide", seed: int = 1) -> list[DemoAccount]:
    """The demo's sign-in accounts (with their passwords), without touching the database."""
    return [account for tf in plan(scale, seed) for account in tf.accounts]


def account(persona: str, scale: str = "statewide", seed: int = 1) -> DemoAccount:
    """The account of one persona (in the first task force of the scale), e.g. 'navigator'."""
    for candidate in accounts(scale, seed):
        if candidate.persona == persona or candidate.key == persona:
            return candidate
    raise KeyError(persona)
