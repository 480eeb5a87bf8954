from django.urls import path

from ally.protocols.views import agreements, protocols

urlpatterns = [
    path("protocols/", protocols.protocol_list, name="protocol_list"),
    path("protocols/new/", protocols.protocol_create, name="protocol_create"),
    path("protocols/templates/", protocols.protocol_templates, name="protocol_templates"),
    path("protocols/templates/<slug:template_id>/", protocols.protocol_template, name="protocol_template"),
    path("protocols/<int:protocol_id>/", protocols.protocol_detail, name="protocol_detail"),
    path("protocols/<int:protocol_id>/publish/", protocols.protocol_publish, name="protocol_publish"),
    path("protocols/<int:protocol_id>/acknowledge/", protocols.protocol_acknowledge, name="protocol_acknowledge"),
    path("protocols/<int:protocol_id>/versions/<int:number>/", protocols.protocol_version, name="protocol_version"),
    path("protocols/<int:protocol_id>/compare/", protocols.protocol_diff, name="protocol_diff"),
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/missing/", agreements.agreements_missing, name="agreements_missing"),
    path("agreements/<int:agreement_id>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:agreement_id>/renew/", agreements.agreement_renew, name="agreement_renew"),
    path("agreements/<int:agreement_id>/end/", agreements.agreement_end, name="agreement_end"),
    path("agreements/<int:agreement_id>/documents/new/", agreements.agreement_document_add, name="agreement_document_add"),
    path("agreements/documents/<int:document_id>/", agreements.agreement_document, name="agreement_document"),
]
