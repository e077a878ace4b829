"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .accepted_state import AcceptedState
from .address_in import AddressIn
from .address_in_coord_system import AddressInCoordSystem
from .ageing import Ageing
from .answer import Answer
from .api_client import ApiClient
from .api_client_page import ApiClientPage
from .application import Application
from .application_create import ApplicationCreate
from .application_currency import ApplicationCurrency
from .application_page import ApplicationPage
from .application_shipment_state import ApplicationShipmentState
from .application_state import ApplicationState
from .archive_destination import ArchiveDestination
from .archive_receipt_in import ArchiveReceiptIn
from .archive_transfer import ArchiveTransfer
from .archive_transfer_destination import ArchiveTransferDestination
from .archive_transfer_detail import ArchiveTransferDetail
from .archive_transfer_detail_destination import ArchiveTransferDetailDestination
from .archive_transfer_detail_seal_set_by import ArchiveTransferDetailSealSetBy
from .archive_transfer_detail_state import ArchiveTransferDetailState
from .archive_transfer_in import ArchiveTransferIn
from .archive_transfer_seal_set_by import ArchiveTransferSealSetBy
from .archive_transfer_state import ArchiveTransferState
from .arrive import Arrive
from .assign import Assign
from .attempt import Attempt
from .attempt_next_step import AttemptNextStep
from .attempt_out import AttemptOut
from .attempt_outcome import AttemptOutcome
from .baby import Baby
from .background import Background
from .background_broker import BackgroundBroker
from .board import Board
from .board_courier import BoardCourier
from .board_exception import BoardException
from .board_task import BoardTask
from .board_task_kind import BoardTaskKind
from .board_task_state import BoardTaskState
from .cash import Cash
from .cash_method import CashMethod
from .cash_positions import CashPositions
from .cash_positions_currency import CashPositionsCurrency
from .catalogue import Catalogue
from .catalogue_network_rules import CatalogueNetworkRules
from .claim import Claim
from .claim_basis import ClaimBasis
from .claim_basis_currency import ClaimBasisCurrency
from .claim_basis_rule import ClaimBasisRule
from .claim_create import ClaimCreate
from .claim_create_kind import ClaimCreateKind
from .claim_currency import ClaimCurrency
from .claim_group import ClaimGroup
from .claim_payout_type_0 import ClaimPayoutType0
from .claim_report import ClaimReport
from .claim_report_currency import ClaimReportCurrency
from .claim_report_row import ClaimReportRow
from .claim_report_row_by_status import ClaimReportRowByStatus
from .claim_status import ClaimStatus
from .close import Close
from .cod_report import CodReport
from .cod_report_currency import CodReportCurrency
from .complaint_create import ComplaintCreate
from .complaint_create_category import ComplaintCreateCategory
from .complaint_group import ComplaintGroup
from .complaint_report import ComplaintReport
from .complaint_report_row import ComplaintReportRow
from .contact import Contact
from .contact_via import ContactVia
from .courier import Courier
from .courier_cash import CourierCash
from .courier_login import CourierLogin
from .courier_page import CourierPage
from .courier_task import CourierTask
from .courier_task_kind import CourierTaskKind
from .courier_task_page import CourierTaskPage
from .courier_task_state import CourierTaskState
from .court_document import CourtDocument
from .court_document_outcome import CourtDocumentOutcome
from .court_document_state import CourtDocumentState
from .court_document_summary import CourtDocumentSummary
from .court_document_summary_outcome import CourtDocumentSummaryOutcome
from .court_document_summary_state import CourtDocumentSummaryState
from .court_job import CourtJob
from .court_job_created import CourtJobCreated
from .court_job_created_source import CourtJobCreatedSource
from .court_job_in import CourtJobIn
from .court_job_source import CourtJobSource
from .court_job_summary import CourtJobSummary
from .court_job_summary_page import CourtJobSummaryPage
from .court_job_summary_source import CourtJobSummarySource
from .created_webhook_endpoint import CreatedWebhookEndpoint
from .custody import Custody
from .custody_event import CustodyEvent
from .custody_event_refs import CustodyEventRefs
from .custody_verdict import CustodyVerdict
from .decision import Decision
from .decision_cause import DecisionCause
from .declare_lost import DeclareLost
from .declare_lost_reason_code import DeclareLostReasonCode
from .decline import Decline
from .deliver import Deliver
from .deliver_condition import DeliverCondition
from .delivery import Delivery
from .delivery_create import DeliveryCreate
from .delivery_create_channel import DeliveryCreateChannel
from .delivery_create_product import DeliveryCreateProduct
from .delivery_currency import DeliveryCurrency
from .delivery_page import DeliveryPage
from .delivery_report import DeliveryReport
from .delivery_sla_row import DeliverySlaRow
from .delivery_status import DeliveryStatus
from .directory_point import DirectoryPoint
from .dispatch_task import DispatchTask
from .dispatch_task_kind import DispatchTaskKind
from .dispatch_task_state import DispatchTaskState
from .document_row import DocumentRow
from .document_row_addressee_kind import DocumentRowAddresseeKind
from .document_row_addressee_role import DocumentRowAddresseeRole
from .document_row_coord_system import DocumentRowCoordSystem
from .door_result import DoorResult
from .door_result_shipment_state import DoorResultShipmentState
from .driver import Driver
from .ended_sessions import EndedSessions
from .event import Event
from .event_kind import EventKind
from .event_payload import EventPayload
from .fail import Fail
from .fail_reason_code import FailReasonCode
from .fee_line import FeeLine
from .fee_line_code import FeeLineCode
from .field_error import FieldError
from .get_delivery_sla_report_period import GetDeliverySlaReportPeriod
from .get_pickup_sla_report_period import GetPickupSlaReportPeriod
from .handin import Handin
from .handin_create import HandinCreate
from .handin_page import HandinPage
from .handover import Handover
from .handover_kind import HandoverKind
from .handover_result import HandoverResult
from .health import Health
from .health_checks import HealthChecks
from .health_status import HealthStatus
from .hospital import Hospital
from .hospital_page import HospitalPage
from .item import Item
from .item_in import ItemIn
from .item_in_category import ItemInCategory
from .liability import Liability
from .liability_status import LiabilityStatus
from .list_birth_certificate_applications_state import (
    ListBirthCertificateApplicationsState,
)
from .list_claims_status_item import ListClaimsStatusItem
from .list_complaints_status import ListComplaintsStatus
from .list_courier_tasks_state import ListCourierTasksState
from .list_hospital_deliveries_status import ListHospitalDeliveriesStatus
from .list_organisations_kind import ListOrganisationsKind
from .list_pickups_state import ListPickupsState
from .list_staff_members_role import ListStaffMembersRole
from .list_webhook_deliveries_status import ListWebhookDeliveriesStatus
from .locations import Locations
from .locations_accepted import LocationsAccepted
from .manifest_item import ManifestItem
from .manifest_item_status import ManifestItemStatus
from .named_at_door import NamedAtDoor
from .named_recipient import NamedRecipient
from .new_api_client import NewApiClient
from .offer import Offer
from .offer_status import OfferStatus
from .opening_hours import OpeningHours
from .options import Options
from .organisation import Organisation
from .organisation_kind import OrganisationKind
from .organisation_page import OrganisationPage
from .organisation_patch import OrganisationPatch
from .parcel_in import ParcelIn
from .parent import Parent
from .party import Party
from .party_in import PartyIn
from .party_in_coord_system import PartyInCoordSystem
from .party_kind import PartyKind
from .payout import Payout
from .payout_channel import PayoutChannel
from .payout_create import PayoutCreate
from .payout_create_channel import PayoutCreateChannel
from .payout_currency import PayoutCurrency
from .phone_call import PhoneCall
from .pickup import Pickup
from .pickup_create import PickupCreate
from .pickup_currency import PickupCurrency
from .pickup_page import PickupPage
from .pickup_point import PickupPoint
from .pickup_point_kind import PickupPointKind
from .pickup_point_patch import PickupPointPatch
from .pickup_scan import PickupScan
from .pickup_shipment import PickupShipment
from .pickup_shipment_state import PickupShipmentState
from .pickup_state import PickupState
from .pickup_task import PickupTask
from .pickup_task_state import PickupTaskState
from .pin_resent import PinResent
from .ping import Ping
from .point import Point
from .price import Price
from .price_currency import PriceCurrency
from .principal import Principal
from .problem import Problem
from .product import Product
from .product_prices import ProductPrices
from .product_rules import ProductRules
from .progress import Progress
from .promise_counts import PromiseCounts
from .proof_needed import ProofNeeded
from .proof_needed_refusal_evidence_item import ProofNeededRefusalEvidenceItem
from .proof_needed_requires_item import ProofNeededRequiresItem
from .proof_out import ProofOut
from .proxy import Proxy
from .proxy_in import ProxyIn
from .public_event import PublicEvent
from .public_event_status import PublicEventStatus
from .public_tracking import PublicTracking
from .public_tracking_state import PublicTrackingState
from .quote import Quote
from .quote_currency import QuoteCurrency
from .quote_request import QuoteRequest
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_status import ReadinessStatus
from .ready import Ready
from .receiver import Receiver
from .refresh import Refresh
from .refusal import Refusal
from .refused import Refused
from .reject import Reject
from .remittance import Remittance
from .remittance_currency import RemittanceCurrency
from .remittance_page import RemittancePage
from .remittance_payee_kind import RemittancePayeeKind
from .rotate import Rotate
from .rotated_secret import RotatedSecret
from .row_result import RowResult
from .row_result_status import RowResultStatus
from .run import Run
from .run_counts import RunCounts
from .run_detail import RunDetail
from .run_page import RunPage
from .run_request import RunRequest
from .run_task import RunTask
from .run_task_state import RunTaskState
from .scan import Scan
from .scan_condition import ScanCondition
from .sender_totals import SenderTotals
from .sender_totals_currency import SenderTotalsCurrency
from .shift import Shift
from .shipment import Shipment
from .shipment_currency import ShipmentCurrency
from .shipment_page import ShipmentPage
from .shipment_party import ShipmentParty
from .shipment_state import ShipmentState
from .sign import Sign
from .sign_signature import SignSignature
from .signature import Signature
from .sla_report import SlaReport
from .staff import Staff
from .staff_claim import StaffClaim
from .staff_claim_currency import StaffClaimCurrency
from .staff_claim_page import StaffClaimPage
from .staff_claim_payout_type_0 import StaffClaimPayoutType0
from .staff_claim_status import StaffClaimStatus
from .staff_complaint import StaffComplaint
from .staff_complaint_category import StaffComplaintCategory
from .staff_complaint_page import StaffComplaintPage
from .staff_complaint_status import StaffComplaintStatus
from .staff_login import StaffLogin
from .staff_page import StaffPage
from .staff_patch import StaffPatch
from .staff_patch_role import StaffPatchRole
from .staff_role import StaffRole
from .station import Station
from .station_area_type import StationAreaType
from .station_cash import StationCash
from .station_page import StationPage
from .station_patch import StationPatch
from .station_patch_area_type import StationPatchAreaType
from .station_sla import StationSla
from .station_sla_late_by_cause import StationSlaLateByCause
from .substitutes import Substitutes
from .sync import Sync
from .sync_result import SyncResult
from .task import Task
from .task_item import TaskItem
from .task_item_status import TaskItemStatus
from .task_kind import TaskKind
from .task_state import TaskState
from .timeline import Timeline
from .timeline_entry import TimelineEntry
from .timeline_entry_status import TimelineEntryStatus
from .timeline_state import TimelineState
from .tokens import Tokens
from .verdict import Verdict
from .verdict_status import VerdictStatus
from .we_chat_login import WeChatLogin
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_page import WebhookEndpointPage
from .window_token import WindowToken
from .window_token_request import WindowTokenRequest
from .witness import Witness

__all__ = (
    "Accepted",
    "AcceptedState",
    "AddressIn",
    "AddressInCoordSystem",
    "Ageing",
    "Answer",
    "ApiClient",
    "ApiClientPage",
    "Application",
    "ApplicationCreate",
    "ApplicationCurrency",
    "ApplicationPage",
    "ApplicationShipmentState",
    "ApplicationState",
    "ArchiveDestination",
    "ArchiveReceiptIn",
    "ArchiveTransfer",
    "ArchiveTransferDestination",
    "ArchiveTransferDetail",
    "ArchiveTransferDetailDestination",
    "ArchiveTransferDetailSealSetBy",
    "ArchiveTransferDetailState",
    "ArchiveTransferIn",
    "ArchiveTransferSealSetBy",
    "ArchiveTransferState",
    "Arrive",
    "Assign",
    "Attempt",
    "AttemptNextStep",
    "AttemptOut",
    "AttemptOutcome",
    "Baby",
    "Background",
    "BackgroundBroker",
    "Board",
    "BoardCourier",
    "BoardException",
    "BoardTask",
    "BoardTaskKind",
    "BoardTaskState",
    "Cash",
    "CashMethod",
    "CashPositions",
    "CashPositionsCurrency",
    "Catalogue",
    "CatalogueNetworkRules",
    "Claim",
    "ClaimBasis",
    "ClaimBasisCurrency",
    "ClaimBasisRule",
    "ClaimCreate",
    "ClaimCreateKind",
    "ClaimCurrency",
    "ClaimGroup",
    "ClaimPayoutType0",
    "ClaimReport",
    "ClaimReportCurrency",
    "ClaimReportRow",
    "ClaimReportRowByStatus",
    "ClaimStatus",
    "Close",
    "CodReport",
    "CodReportCurrency",
    "ComplaintCreate",
    "ComplaintCreateCategory",
    "ComplaintGroup",
    "ComplaintReport",
    "ComplaintReportRow",
    "Contact",
    "ContactVia",
    "Courier",
    "CourierCash",
    "CourierLogin",
    "CourierPage",
    "CourierTask",
    "CourierTaskKind",
    "CourierTaskPage",
    "CourierTaskState",
    "CourtDocument",
    "CourtDocumentOutcome",
    "CourtDocumentState",
    "CourtDocumentSummary",
    "CourtDocumentSummaryOutcome",
    "CourtDocumentSummaryState",
    "CourtJob",
    "CourtJobCreated",
    "CourtJobCreatedSource",
    "CourtJobIn",
    "CourtJobSource",
    "CourtJobSummary",
    "CourtJobSummaryPage",
    "CourtJobSummarySource",
    "CreatedWebhookEndpoint",
    "Custody",
    "CustodyEvent",
    "CustodyEventRefs",
    "CustodyVerdict",
    "Decision",
    "DecisionCause",
    "DeclareLost",
    "DeclareLostReasonCode",
    "Decline",
    "Deliver",
    "DeliverCondition",
    "Delivery",
    "DeliveryCreate",
    "DeliveryCreateChannel",
    "DeliveryCreateProduct",
    "DeliveryCurrency",
    "DeliveryPage",
    "DeliveryReport",
    "DeliverySlaRow",
    "DeliveryStatus",
    "DirectoryPoint",
    "DispatchTask",
    "DispatchTaskKind",
    "DispatchTaskState",
    "DocumentRow",
    "DocumentRowAddresseeKind",
    "DocumentRowAddresseeRole",
    "DocumentRowCoordSystem",
    "DoorResult",
    "DoorResultShipmentState",
    "Driver",
    "EndedSessions",
    "Event",
    "EventKind",
    "EventPayload",
    "Fail",
    "FailReasonCode",
    "FeeLine",
    "FeeLineCode",
    "FieldError",
    "GetDeliverySlaReportPeriod",
    "GetPickupSlaReportPeriod",
    "Handin",
    "HandinCreate",
    "HandinPage",
    "Handover",
    "HandoverKind",
    "HandoverResult",
    "Health",
    "HealthChecks",
    "HealthStatus",
    "Hospital",
    "HospitalPage",
    "Item",
    "ItemIn",
    "ItemInCategory",
    "Liability",
    "LiabilityStatus",
    "ListBirthCertificateApplicationsState",
    "ListClaimsStatusItem",
    "ListComplaintsStatus",
    "ListCourierTasksState",
    "ListHospitalDeliveriesStatus",
    "ListOrganisationsKind",
    "ListPickupsState",
    "ListStaffMembersRole",
    "ListWebhookDeliveriesStatus",
    "Locations",
    "LocationsAccepted",
    "ManifestItem",
    "ManifestItemStatus",
    "NamedAtDoor",
    "NamedRecipient",
    "NewApiClient",
    "Offer",
    "OfferStatus",
    "OpeningHours",
    "Options",
    "Organisation",
    "OrganisationKind",
    "OrganisationPage",
    "OrganisationPatch",
    "ParcelIn",
    "Parent",
    "Party",
    "PartyIn",
    "PartyInCoordSystem",
    "PartyKind",
    "Payout",
    "PayoutChannel",
    "PayoutCreate",
    "PayoutCreateChannel",
    "PayoutCurrency",
    "PhoneCall",
    "Pickup",
    "PickupCreate",
    "PickupCurrency",
    "PickupPage",
    "PickupPoint",
    "PickupPointKind",
    "PickupPointPatch",
    "PickupScan",
    "PickupShipment",
    "PickupShipmentState",
    "PickupState",
    "PickupTask",
    "PickupTaskState",
    "PinResent",
    "Ping",
    "Point",
    "Price",
    "PriceCurrency",
    "Principal",
    "Problem",
    "Product",
    "ProductPrices",
    "ProductRules",
    "Progress",
    "PromiseCounts",
    "ProofNeeded",
    "ProofNeededRefusalEvidenceItem",
    "ProofNeededRequiresItem",
    "ProofOut",
    "Proxy",
    "ProxyIn",
    "PublicEvent",
    "PublicEventStatus",
    "PublicTracking",
    "PublicTrackingState",
    "Quote",
    "QuoteCurrency",
    "QuoteRequest",
    "Readiness",
    "ReadinessChecks",
    "ReadinessStatus",
    "Ready",
    "Receiver",
    "Refresh",
    "Refusal",
    "Refused",
    "Reject",
    "Remittance",
    "RemittanceCurrency",
    "RemittancePage",
    "RemittancePayeeKind",
    "Rotate",
    "RotatedSecret",
    "RowResult",
    "RowResultStatus",
    "Run",
    "RunCounts",
    "RunDetail",
    "RunPage",
    "RunRequest",
    "RunTask",
    "RunTaskState",
    "Scan",
    "ScanCondition",
    "SenderTotals",
    "SenderTotalsCurrency",
    "Shift",
    "Shipment",
    "ShipmentCurrency",
    "ShipmentPage",
    "ShipmentParty",
    "ShipmentState",
    "Sign",
    "SignSignature",
    "Signature",
    "SlaReport",
    "Staff",
    "StaffClaim",
    "StaffClaimCurrency",
    "StaffClaimPage",
    "StaffClaimPayoutType0",
    "StaffClaimStatus",
    "StaffComplaint",
    "StaffComplaintCategory",
    "StaffComplaintPage",
    "StaffComplaintStatus",
    "StaffLogin",
    "StaffPage",
    "StaffPatch",
    "StaffPatchRole",
    "StaffRole",
    "Station",
    "StationAreaType",
    "StationCash",
    "StationPage",
    "StationPatch",
    "StationPatchAreaType",
    "StationSla",
    "StationSlaLateByCause",
    "Substitutes",
    "Sync",
    "SyncResult",
    "Task",
    "TaskItem",
    "TaskItemStatus",
    "TaskKind",
    "TaskState",
    "Timeline",
    "TimelineEntry",
    "TimelineEntryStatus",
    "TimelineState",
    "Tokens",
    "Verdict",
    "VerdictStatus",
    "WeChatLogin",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEndpointPage",
    "WindowToken",
    "WindowTokenRequest",
    "Witness",
)
