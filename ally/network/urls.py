from django.urls import path

from ally.network.views import claims, providers, vetting

urlpatterns = [
    path("providers/", providers.provider_directory, name="provider_directory"),
    path("providers/<int:organization_id>/", providers.provider_detail, name="provider_detail"),
    path("providers/<int:organization_id>/edit/", providers.provider_edit, name="provider_edit"),
    path("providers/<int:organization_id>/capacity/", providers.provider_capacity, name="provider_capacity"),
    # vetting by navigators
    path("providers/<int:organization_id>/vetting/new/", vetting.vetting_create, name="vetting_create"),
    path("vetting/<int:visit_id>/", vetting.vetting_detail, name="vetting_detail"),
    # sub-awards and reimbursement
    path("providers/<int:organization_id>/sub-awards/new/", claims.sub_award_create, name="sub_award_create"),
    path("sub-awards/<int:award_id>/edit/", claims.sub_award_edit, name="sub_award_edit"),
    path("claims/", claims.claim_list, name="claim_list"),
    path("providers/<int:organization_id>/claims/new/", claims.claim_create, name="claim_create"),
    path("claims/<int:claim_id>/", claims.claim_detail, name="claim_detail"),
    path("claim-lines/<int:line_id>/decide/", claims.claim_line_decide, name="claim_line_decide"),
]
