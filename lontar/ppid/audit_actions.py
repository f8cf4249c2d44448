from django.utils.translation import gettext_lazy as _

from lontar.audit.registry import register

register("ppid.public_body.created", _("Public body (PPID) created"))
register("ppid.public_body.updated", _("Public body (PPID) settings changed"))
register("ppid.information_request.submitted", _("Information request submitted online"))
register("ppid.information_request.registered", _("Information request registered by staff"))
register("ppid.information_request.marked_incomplete", _("Information request marked incomplete"))
register("ppid.information_request.completed", _("Information request completed by the requester"))
register("ppid.information_request.assigned", _("Information request assigned to a PPID Pelaksana"))
register("ppid.information_request.extended", _("Information request deadline extended"))
register("ppid.information_request.notice_issued", _("Written notice issued"))
register("ppid.information_request.delivered", _("Information delivered"))
register("ppid.information_request.closed", _("Information request closed"))
register("ppid.information_request.withdrawn", _("Information request withdrawn"))
register("ppid.identity_document.viewed", _("Requester's identity document opened"))
register("ppid.notice_file.viewed", _("Delivered file opened"))
register("ppid.consequence_test.created", _("Consequence test (uji konsekuensi) recorded"))
register("ppid.encryption_keys.rotated", _("Personal data re-encrypted with the newest key"))
register("ppid.sample_data.loaded", _("PPID sample data loaded"))
