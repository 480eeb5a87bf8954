from django.urls import path

from ally.referrals.views import detail, lists, send

urlpatterns = [
    path("referrals/", lists.referral_list, name="referral_list"),
    path("referrals/new/", send.referral_create, name="referral_create"),
    path("referrals/overdue/", lists.referral_overdue, name="referral_overdue"),
    path("referrals/timeliness/", lists.referral_timeliness, name="referral_timeliness"),
    path("clients/<int:client_id>/refer/", send.client_refer, name="client_refer"),
    path("referrals/<int:referral_id>/", detail.referral_detail, name="referral_detail"),
    path("referrals/<int:referral_id>/acknowledge/", detail.referral_acknowledge, name="referral_acknowledge"),
    path("referrals/<int:referral_id>/accept/", detail.referral_accept, name="referral_accept"),
    path("referrals/<int:referral_id>/decline/", detail.referral_decline, name="referral_decline"),
    path("referrals/<int:referral_id>/start/", detail.referral_start, name="referral_start"),
    path("referrals/<int:referral_id>/close/", detail.referral_close, name="referral_close"),
    path("referrals/<int:referral_id>/withdraw/", detail.referral_withdraw, name="referral_withdraw"),
    path("referrals/<int:referral_id>/assign/", detail.referral_assign, name="referral_assign"),
    path("referrals/<int:referral_id>/messages/", detail.referral_message, name="referral_message"),
]
