"""Organizations, members, invitations, the directory and the task force's own settings."""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ally.access import (
    Permission,
    access_invitation,
    access_membership,
    access_organization,
    access_region,
    access_task_force_role,
    can,
    grants_for,
    require,
    visible_to,
)
from ally.accounts.models import User
from ally.core.errors import Conflict, InvalidInput
from ally.core.http import AuthenticatedRequest
from ally.tenancy import actions
from ally.tenancy.actions.task_forces import LIMITS
from ally.tenancy.forms import (
    AcceptInvitationForm,
    DirectoryFilterForm,
    InvitationForm,
    MemberRoleForm,
    OrganizationForm,
    RegionForm,
    TaskForceForm,
    TaskForceInvitationForm,
    TaskForceRoleForm,
)
from ally.tenancy.models import (
    Invitation,
    Membership,
    Organization,
    Region,
    TaskForce,
    TaskForceRole,
)
from ally.tenancy.queries import directory
from ally.tenancy.vocab import Discipline


@login_required
def organization_list(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.VIEW_TASK_FORCE)
    organizations = (
        visible_to(request.user, Organization)
        .annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True)))
        .prefetch_related("regions_served")
    )
    discipline = request.GET.get("discipline", "")
    if discipline:
        organizations = organizations.filter(discipline=discipline)
    return render(
        request,
        "tenancy/organization_list.html",
        {
            "organizations": organizations,
            "may_create": can(request.user, Permission.MANAGE_TASK_FORCE),
            "discipline": discipline,
        },
    )


@login_required
def organization_detail(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    organization = access_organization(request.user, organization_id)
    show_people = can(request.user, Permission.VIEW_DIRECTORY)
    members = (
        visible_to(request.user, Membership)
        .filter(organization=organization, is_active=True)
        .select_related("user")
        if show_people
        else Membership.objects.none()
    )
    return render(
        request,
        "tenancy/organization_detail.html",
        {
            "organization": organization,
            "members": members,
            "show_people": show_people,
            "may_edit": can(request.user, Permission.EDIT_ORGANIZATION, organization),
            "may_manage": can(request.user, Permission.MANAGE_MEMBERS, organization),
            # HTCDS interchange of the organization's client records: its administrators only.
            "may_exchange": organization.pk in grants_for(request.user).admin_organization_ids()
            and organization.discipline == Discipline.VICTIM_SERVICES,
            "show_street": can(request.user, Permission.VIEW_STREET_ADDRESS, organization),
            "is_co_lead": TaskForce.objects.filter(co_lead_organizations=organization).exists(),
        },
    )


def _save_organization(
    request: AuthenticatedRequest, form: OrganizationForm, organization: Organization | None
) -> Organization | None:
    values = {k: v for k, v in form.cleaned_data.items() if k != "regions_served"}
    regions = list(form.cleaned_data["regions_served"])
    try:
        if organization is None:
            task_force = visible_to(request.user, TaskForce).get()
            return actions.create_organization(
                task_force, acting_user=request.user, regions_served=regions, **values
            )
        return actions.update_organization(
            organization, acting_user=request.user, regions_served=regions, **values
        )
    except (InvalidInput, Conflict) as error:
        form.add_error(None, str(error))
        return None


@login_required
def organization_create(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.MANAGE_TASK_FORCE)
    regions = visible_to(request.user, Region)
    # A new organization keeps its street confidential unless the coordinator unticks the box.
    form = OrganizationForm(request.POST or None, regions=regions, initial={"confidential_address": True})
    if request.method == "POST" and form.is_valid():
        organization = _save_organization(request, form, None)
        if organization is not None:
            messages.success(request, _("Organization added."))
            return redirect("organization_detail", organization.pk)
    return render(request, "tenancy/organization_form.html", {"form": form, "organization": None})


@login_required
def organization_edit(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    organization = access_organization(request.user, organization_id, for_change=True)
    regions = visible_to(request.user, Region)
    form = OrganizationForm(
        request.POST or None,
        instance=organization,
        regions=regions,
        lock_classification=not can(request.user, Permission.MANAGE_TASK_FORCE),
    )
    if request.method == "POST" and form.is_valid():
        # The form edited a copy; the action re-reads the row and applies the values.
        organization.refresh_from_db()
        saved = _save_organization(request, form, organization)
        if saved is not None:
            messages.success(request, _("Organization saved."))
            return redirect("organization_detail", saved.pk)
    return render(
        request, "tenancy/organization_form.html", {"form": form, "organization": organization}
    )


@login_required
def organization_members(request: AuthenticatedRequest, organization_id: int) -> HttpResponse:
    organization = access_organization(request.user, organization_id)
    require(request.user, Permission.MANAGE_MEMBERS, organization)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.invite_member(organization, acting_user=request.user, **form.cleaned_data)
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("organization_members", organization.pk)
    memberships = (
        visible_to(request.user, Membership)
        .filter(organization=organization)
        .select_related("user")
        .order_by("-is_active", "user__full_name")
    )
    invitations = visible_to(request.user, Invitation).filter(organization=organization)[:50]
    return render(
        request,
        "tenancy/organization_members.html",
        {
            "organization": organization,
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
            "role_form": MemberRoleForm(),
            "victim_witness_applies": organization.discipline
            in (Discipline.LAW_ENFORCEMENT, Discipline.PROSECUTION),
        },
    )


@login_required
@require_POST
def membership_role(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(request.user, membership_id, for_change=True)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            actions.change_member_role(
                membership, role=form.cleaned_data["role"], acting_user=request.user
            )
            messages.success(request, _("Role changed."))
        except InvalidInput as error:
            messages.error(request, str(error))
    return redirect("organization_members", membership.organization_id)


@login_required
@require_POST
def membership_victim_witness(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
    """Mark (or unmark) a member as a victim-witness coordinator."""
    membership = access_membership(request.user, membership_id, for_change=True)
    value = request.POST.get("value") == "1"
    try:
        actions.mark_victim_witness_coordinator(membership, value=value, acting_user=request.user)
        messages.success(request, _("Saved."))
    except InvalidInput as error:
        messages.error(request, str(error))
    return redirect("organization_members", membership.organization_id)


@login_required
@require_POST
def membership_remove(request: AuthenticatedRequest, membership_id: int) -> HttpResponse:
    membership = access_membership(request.user, membership_id, for_change=True)
    try:
        actions.remove_member(membership, acting_user=request.user)
        messages.success(request, _("Member removed."))
    except InvalidInput as error:
        messages.error(request, str(error))
    return redirect("organization_members", membership.organization_id)


@login_required
@require_POST
def invitation_revoke(request: AuthenticatedRequest, invitation_id: int) -> HttpResponse:
    invitation = access_invitation(request.user, invitation_id, for_change=True)
    try:
        actions.revoke_invitation(invitation, acting_user=request.user)
        messages.success(request, _("Invitation withdrawn."))
    except InvalidInput as error:
        messages.error(request, str(error))
    if invitation.organization_id is None:
        return redirect("task_force_settings")
    return redirect("organization_members", invitation.organization_id)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation email: set a name and password, or join with a signed-in account."""
    try:
        invitation = actions.find_invitation(token)
    except InvalidInput as error:
        return render(request, "tenancy/invitation_invalid.html", {"reason": str(error)}, status=404)
    signed_in = request.user if request.user.is_authenticated else None
    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None,
        initial={"full_name": invitation.full_name},
    )
    if signed_in is not None:
        form.fields["password"].required = False
        form.fields["full_name"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.accept_invitation(
                token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"] or None,
                existing_user=signed_in,
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            if signed_in is None:
                login(request, person, backend="allauth.account.auth_backends.AuthenticationBackend")
                # They just chose their password: count it as a fresh sign-in, so enrolling
                # two-factor sign-in (next) does not ask for the password again.
                record_authentication(request, person, method="password", reauthenticated=True)
            place = invitation.organization.name if invitation.organization else invitation.task_force.name
            messages.success(request, _("Welcome to %(org)s.") % {"org": place})
            return redirect("home")
    return render(
        request,
        "tenancy/invitation_accept.html",
        {"invitation": invitation, "form": form, "signed_in": signed_in},
    )


@login_required
def directory_view(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.VIEW_DIRECTORY)
    form = DirectoryFilterForm(
        request.GET or None,
        regions=visible_to(request.user, Region),
        organizations=visible_to(request.user, Organization),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    members = directory(
        request.user,
        q=filters.get("q", ""),
        discipline=filters.get("discipline", ""),
        region=filters.get("region"),
        organization=filters.get("organization"),
    )
    return render(
        request,
        "tenancy/directory.html",
        {"form": form, "members": members[:500], "total": members.count()},
    )


def _add_region(request: AuthenticatedRequest, task_force: TaskForce) -> RegionForm | None:
    """None when the region was added; else the form with its errors."""
    form = RegionForm(request.POST, prefix="region")
    if form.is_valid():
        try:
            actions.create_region(
                task_force,
                name=form.cleaned_data["name"],
                counties=form.counties_list(),
                zip_codes=form.zip_list(),
                acting_user=request.user,
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Region added."))
            return None
    return form


def _grant_role(request: AuthenticatedRequest, task_force: TaskForce) -> TaskForceRoleForm | None:
    """None when the role was granted to a member; else the form with its errors."""
    form = TaskForceRoleForm(request.POST, prefix="role", regions=visible_to(request.user, Region))
    if not form.is_valid():
        return form
    person = visible_to(request.user, User).filter(email__iexact=form.cleaned_data["email"]).first()
    if person is None:
        form.add_error(
            "email",
            _("No member of this task force has that email. Invite them to the role below."),
        )
        return form
    try:
        actions.grant_task_force_role(
            task_force,
            user=person,
            role=form.cleaned_data["role"],
            regions=list(form.cleaned_data["regions"]),
            acting_user=request.user,
        )
    except (InvalidInput, Conflict) as error:
        form.add_error(None, str(error))
        return form
    messages.success(request, _("Role granted."))
    return None


def _invite_to_role(
    request: AuthenticatedRequest, task_force: TaskForce
) -> TaskForceInvitationForm | None:
    """None when the invitation was sent; else the form with its errors."""
    form = TaskForceInvitationForm(request.POST, prefix="invite")
    if form.is_valid():
        try:
            actions.invite_to_task_force_role(
                task_force, acting_user=request.user, **form.cleaned_data
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Invitation sent."))
            return None
    return form


@login_required
def task_force_settings(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.VIEW_TASK_FORCE)
    task_force = visible_to(request.user, TaskForce).get()
    forms: dict[str, Any] = {
        "region_form": RegionForm(prefix="region"),
        "role_form": TaskForceRoleForm(prefix="role", regions=visible_to(request.user, Region)),
        "invite_form": TaskForceInvitationForm(prefix="invite"),
    }
    if request.method == "POST":
        require(request.user, Permission.MANAGE_TASK_FORCE)
        handlers = {"region-name": ("region_form", _add_region), "invite-email": ("invite_form", _invite_to_role)}
        name, handler = next(
            (entry for field, entry in handlers.items() if field in request.POST),
            ("role_form", _grant_role),
        )
        failed = handler(request, task_force)
        if failed is None:
            return redirect("task_force_settings")
        forms[name] = failed
    may_manage = can(request.user, Permission.MANAGE_TASK_FORCE)
    regions = visible_to(request.user, Region).annotate(
        organization_count=Count("organizations", filter=Q(organizations__is_active=True))
    )
    roles = (
        visible_to(request.user, TaskForceRole)
        .select_related("user")
        .prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("name")))
        .order_by("role", "user__full_name")
    )
    role_invitations = (
        visible_to(request.user, Invitation).filter(organization=None)[:50] if may_manage else []
    )
    return render(
        request,
        "tenancy/task_force_settings.html",
        {
            "task_force": task_force,
            "regions": regions,
            "roles": roles,
            "may_manage": may_manage,
            "role_invitations": role_invitations,
            "co_leads": task_force.co_lead_organizations.all(),
            **forms,
        },
    )


@login_required
def task_force_edit(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, Permission.MANAGE_TASK_FORCE)
    task_force = visible_to(request.user, TaskForce).get()
    initial = {
        "name": task_force.name,
        "kind": task_force.kind,
        "states": ", ".join(task_force.states),
        "time_zone": task_force.time_zone,
        "co_lead_organizations": list(task_force.co_lead_organizations.all()),
        **{name: getattr(task_force, name) for name in LIMITS},
    }
    form = TaskForceForm(
        request.POST or None, initial=initial, organizations=visible_to(request.user, Organization)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_task_force(
                task_force,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                states=form.states_list(),
                time_zone=form.cleaned_data["time_zone"],
                co_lead_organizations=list(form.cleaned_data["co_lead_organizations"]),
                limits=form.limits(),
                acting_user=request.user,
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Task force saved."))
            return redirect("task_force_settings")
    return render(
        request, "tenancy/task_force_form.html", {"form": form, "heading": _("Edit the task force")}
    )


@login_required
def region_edit(request: AuthenticatedRequest, region_id: int) -> HttpResponse:
    region = access_region(request.user, region_id, for_change=True)
    initial = {
        "name": region.name,
        "counties": ", ".join(region.counties),
        "zip_codes": ", ".join(region.zip_codes),
    }
    form = RegionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_region(
                region,
                name=form.cleaned_data["name"],
                counties=form.counties_list(),
                zip_codes=form.zip_list(),
                acting_user=request.user,
            )
        except (InvalidInput, Conflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Region saved."))
            return redirect("task_force_settings")
    heading = _("Edit %(region)s") % {"region": region.name}
    return render(request, "tenancy/task_force_form.html", {"form": form, "heading": heading})


@login_required
@require_POST
def task_force_role_revoke(request: AuthenticatedRequest, role_id: int) -> HttpResponse:
    grant = access_task_force_role(request.user, role_id, for_change=True)
    actions.revoke_task_force_role(grant, acting_user=request.user)
    messages.success(request, _("Role removed."))
    return redirect("task_force_settings")
