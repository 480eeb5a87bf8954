from django.urls import path

from ally.prosecutions.views import cases, legal_status, referrals, statutes

urlpatterns = [
    path("prosecutions/referrals/", referrals.referral_list, name="prosecution_referral_list"),
    path("prosecutions/referrals/<int:referral_id>/", referrals.referral_detail, name="prosecution_referral_detail"),
    path("prosecutions/referrals/<int:referral_id>/accept/", referrals.referral_accept, name="prosecution_referral_accept"),
    path("prosecutions/referrals/<int:referral_id>/decline/", referrals.referral_decline, name="prosecution_referral_decline"),
    path("prosecutions/referrals/<int:referral_id>/withdraw/", referrals.referral_withdraw, name="prosecution_referral_withdraw"),
    path("investigations/<int:investigation_id>/refer-for-prosecution/", referrals.refer, name="prosecution_refer"),
    path("prosecutions/cases/", cases.case_list, name="prosecution_case_list"),
    path("prosecutions/cases/new/", cases.case_create, name="prosecution_case_create"),
    path("prosecutions/cases/<int:case_id>/", cases.case_detail, name="prosecution_case_detail"),
    path("prosecutions/cases/<int:case_id>/edit/", cases.case_update, name="prosecution_case_update"),
    path("prosecutions/cases/<int:case_id>/defendants/new/", cases.defendant_create, name="prosecution_defendant_create"),
    path("prosecutions/cases/<int:case_id>/defendants/<int:defendant_id>/remove/", cases.defendant_remove,
         name="prosecution_defendant_remove"),
    path("prosecutions/cases/<int:case_id>/charges/new/", cases.charge_create, name="prosecution_charge_create"),
    path("prosecutions/cases/<int:case_id>/charges/<int:charge_id>/disposition/", cases.charge_disposition,
         name="prosecution_charge_disposition"),
    path("prosecutions/cases/<int:case_id>/court-events/new/", cases.court_event_create, name="prosecution_court_event_create"),
    path("prosecutions/cases/<int:case_id>/court-events/<int:event_id>/edit/", cases.court_event_change,
         name="prosecution_court_event_change"),
    path("prosecutions/cases/<int:case_id>/court-events/<int:event_id>/cancel/", cases.court_event_cancel,
         name="prosecution_court_event_cancel"),
    path("prosecutions/cases/<int:case_id>/victims/add/", cases.case_victim_add, name="prosecution_case_victim_add"),
    path("prosecutions/statutes/", statutes.statute_list, name="statute_list"),
    path("prosecutions/statutes/new/", statutes.statute_create, name="statute_create"),
    path("prosecutions/statutes/<int:statute_id>/edit/", statutes.statute_edit, name="statute_edit"),
    path("clients/<int:client_id>/legal-status/", legal_status.client_legal_status, name="client_legal_status"),
]
