"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .accepted_state import AcceptedState
from .address_in import AddressIn
from .address_in_coord_system import AddressInCoordSystem
from .advance import Advance
from .advance_to import AdvanceTo
from .ageing import Ageing
from .answer import Answer
from .api_client import ApiClient
from .api_client_input import ApiClientInput
from .api_client_page import ApiClientPage
from .application import Application
from .application_create import ApplicationCreate
from .application_currency import ApplicationCurrency
from .application_page import ApplicationPage
from .application_shipment_state import ApplicationShipmentState
from .application_state import ApplicationState
from .archive_receipt_in import ArchiveReceiptIn
from .archive_to_driver import ArchiveToDriver
from .archive_to_office import ArchiveToOffice
from .archive_transfer import ArchiveTransfer
from .archive_transfer_created_event import ArchiveTransferCreatedEvent
from .archive_transfer_created_event_data import ArchiveTransferCreatedEventData
from .archive_transfer_created_event_type import ArchiveTransferCreatedEventType
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
from .birth_certificate_rejected_event import BirthCertificateRejectedEvent
from .birth_certificate_rejected_event_data import BirthCertificateRejectedEventData
from .birth_certificate_rejected_event_type import BirthCertificateRejectedEventType
from .birth_certificate_submitted_event import BirthCertificateSubmittedEvent
from .birth_certificate_submitted_event_data import BirthCertificateSubmittedEventData
from .birth_certificate_submitted_event_type import BirthCertificateSubmittedEventType
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
from .claim_closed_event import ClaimClosedEvent
from .claim_closed_event_data import ClaimClosedEventData
from .claim_closed_event_data_status import ClaimClosedEventDataStatus
from .claim_closed_event_type import ClaimClosedEventType
from .claim_create import ClaimCreate
from .claim_create_kind import ClaimCreateKind
from .claim_currency import ClaimCurrency
from .claim_decided_event import ClaimDecidedEvent
from .claim_decided_event_data import ClaimDecidedEventData
from .claim_decided_event_data_status import ClaimDecidedEventDataStatus
from .claim_decided_event_type import ClaimDecidedEventType
from .claim_group import ClaimGroup
from .claim_paid_event import ClaimPaidEvent
from .claim_paid_event_data import ClaimPaidEventData
from .claim_paid_event_data_status import ClaimPaidEventDataStatus
from .claim_paid_event_type import ClaimPaidEventType
from .claim_payout_type_0 import ClaimPayoutType0
from .claim_report import ClaimReport
from .claim_report_currency import ClaimReportCurrency
from .claim_report_row import ClaimReportRow
from .claim_report_row_by_status import ClaimReportRowByStatus
from .claim_status import ClaimStatus
from .close import Close
from .cod_remitted_event import CodRemittedEvent
from .cod_remitted_event_data import CodRemittedEventData
from .cod_remitted_event_data_currency import CodRemittedEventDataCurrency
from .cod_remitted_event_type import CodRemittedEventType
from .cod_report import CodReport
from .cod_report_currency import CodReportCurrency
from .complaint_about_pickup import ComplaintAboutPickup
from .complaint_about_pickup_category import ComplaintAboutPickupCategory
from .complaint_about_shipment import ComplaintAboutShipment
from .complaint_about_shipment_category import ComplaintAboutShipmentCategory
from .complaint_answered_event import ComplaintAnsweredEvent
from .complaint_answered_event_data import ComplaintAnsweredEventData
from .complaint_answered_event_data_status import ComplaintAnsweredEventDataStatus
from .complaint_answered_event_type import ComplaintAnsweredEventType
from .complaint_group import ComplaintGroup
from .complaint_report import ComplaintReport
from .complaint_report_row import ComplaintReportRow
from .consistency import Consistency
from .contact import Contact
from .contact_via import ContactVia
from .courier import Courier
from .courier_cash import CourierCash
from .courier_input import CourierInput
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
from .court_job_submitted_event import CourtJobSubmittedEvent
from .court_job_submitted_event_data import CourtJobSubmittedEventData
from .court_job_submitted_event_type import CourtJobSubmittedEventType
from .court_job_summary import CourtJobSummary
from .court_job_summary_page import CourtJobSummaryPage
from .court_job_summary_source import CourtJobSummarySource
from .created_webhook_endpoint import CreatedWebhookEndpoint
from .created_webhook_endpoint_events_item import CreatedWebhookEndpointEventsItem
from .custody import Custody
from .custody_event import CustodyEvent
from .custody_event_refs import CustodyEventRefs
from .custody_key import CustodyKey
from .custody_key_alg import CustodyKeyAlg
from .custody_keys import CustodyKeys
from .custody_promise import CustodyPromise
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
from .evidence import Evidence
from .evidence_event import EvidenceEvent
from .evidence_event_kind import EvidenceEventKind
from .evidence_event_refs import EvidenceEventRefs
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
from .handover_collect import HandoverCollect
from .handover_collect_kind import HandoverCollectKind
from .handover_load_for_delivery import HandoverLoadForDelivery
from .handover_load_for_delivery_kind import HandoverLoadForDeliveryKind
from .handover_result import HandoverResult
from .handover_station_in import HandoverStationIn
from .handover_station_in_kind import HandoverStationInKind
from .health import Health
from .health_checks import HealthChecks
from .health_status import HealthStatus
from .hospital import Hospital
from .hospital_delivery_requested_event import HospitalDeliveryRequestedEvent
from .hospital_delivery_requested_event_data import HospitalDeliveryRequestedEventData
from .hospital_delivery_requested_event_type import HospitalDeliveryRequestedEventType
from .hospital_page import HospitalPage
from .hospital_run_built_event import HospitalRunBuiltEvent
from .hospital_run_built_event_data import HospitalRunBuiltEventData
from .hospital_run_built_event_type import HospitalRunBuiltEventType
from .hospital_run_collected_event import HospitalRunCollectedEvent
from .hospital_run_collected_event_data import HospitalRunCollectedEventData
from .hospital_run_collected_event_type import HospitalRunCollectedEventType
from .hospital_run_signed_event import HospitalRunSignedEvent
from .hospital_run_signed_event_data import HospitalRunSignedEventData
from .hospital_run_signed_event_type import HospitalRunSignedEventType
from .inbox_message import InboxMessage
from .inbox_message_channel import InboxMessageChannel
from .inbox_message_content import InboxMessageContent
from .inbox_message_page import InboxMessagePage
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
from .organisation_input import OrganisationInput
from .organisation_input_kind import OrganisationInputKind
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
from .pickup_cancelled_event import PickupCancelledEvent
from .pickup_cancelled_event_data import PickupCancelledEventData
from .pickup_cancelled_event_type import PickupCancelledEventType
from .pickup_collected_event import PickupCollectedEvent
from .pickup_collected_event_data import PickupCollectedEventData
from .pickup_collected_event_type import PickupCollectedEventType
from .pickup_created_event import PickupCreatedEvent
from .pickup_created_event_data import PickupCreatedEventData
from .pickup_created_event_type import PickupCreatedEventType
from .pickup_currency import PickupCurrency
from .pickup_from_parcels import PickupFromParcels
from .pickup_from_quote import PickupFromQuote
from .pickup_page import PickupPage
from .pickup_point import PickupPoint
from .pickup_point_input import PickupPointInput
from .pickup_point_input_kind import PickupPointInputKind
from .pickup_point_kind import PickupPointKind
from .pickup_point_patch import PickupPointPatch
from .pickup_promise_broken_event import PickupPromiseBrokenEvent
from .pickup_promise_broken_event_data import PickupPromiseBrokenEventData
from .pickup_promise_broken_event_type import PickupPromiseBrokenEventType
from .pickup_remainder_cancelled_event import PickupRemainderCancelledEvent
from .pickup_remainder_cancelled_event_data import PickupRemainderCancelledEventData
from .pickup_remainder_cancelled_event_type import PickupRemainderCancelledEventType
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
from .promised_event import PromisedEvent
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
from .shift_input import ShiftInput
from .shipment import Shipment
from .shipment_accepted_event import ShipmentAcceptedEvent
from .shipment_accepted_event_data import ShipmentAcceptedEventData
from .shipment_accepted_event_type import ShipmentAcceptedEventType
from .shipment_collected_event import ShipmentCollectedEvent
from .shipment_collected_event_data import ShipmentCollectedEventData
from .shipment_collected_event_type import ShipmentCollectedEventType
from .shipment_currency import ShipmentCurrency
from .shipment_delivered_event import ShipmentDeliveredEvent
from .shipment_delivered_event_data import ShipmentDeliveredEventData
from .shipment_delivered_event_data_outcome import ShipmentDeliveredEventDataOutcome
from .shipment_delivered_event_type import ShipmentDeliveredEventType
from .shipment_delivery_failed_event import ShipmentDeliveryFailedEvent
from .shipment_delivery_failed_event_data import ShipmentDeliveryFailedEventData
from .shipment_delivery_failed_event_data_outcome import (
    ShipmentDeliveryFailedEventDataOutcome,
)
from .shipment_delivery_failed_event_type import ShipmentDeliveryFailedEventType
from .shipment_out_for_delivery_event import ShipmentOutForDeliveryEvent
from .shipment_out_for_delivery_event_data import ShipmentOutForDeliveryEventData
from .shipment_out_for_delivery_event_type import ShipmentOutForDeliveryEventType
from .shipment_overdue_event import ShipmentOverdueEvent
from .shipment_overdue_event_data import ShipmentOverdueEventData
from .shipment_overdue_event_data_state import ShipmentOverdueEventDataState
from .shipment_overdue_event_type import ShipmentOverdueEventType
from .shipment_page import ShipmentPage
from .shipment_party import ShipmentParty
from .shipment_returned_event import ShipmentReturnedEvent
from .shipment_returned_event_data import ShipmentReturnedEventData
from .shipment_returned_event_data_outcome import ShipmentReturnedEventDataOutcome
from .shipment_returned_event_type import ShipmentReturnedEventType
from .shipment_seal_mismatch_event import ShipmentSealMismatchEvent
from .shipment_seal_mismatch_event_data import ShipmentSealMismatchEventData
from .shipment_seal_mismatch_event_type import ShipmentSealMismatchEventType
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
from .staff_input import StaffInput
from .staff_input_role import StaffInputRole
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
from .task_accepted_event import TaskAcceptedEvent
from .task_accepted_event_data import TaskAcceptedEventData
from .task_accepted_event_type import TaskAcceptedEventType
from .task_arrived_event import TaskArrivedEvent
from .task_arrived_event_data import TaskArrivedEventData
from .task_arrived_event_type import TaskArrivedEventType
from .task_completed_event import TaskCompletedEvent
from .task_completed_event_data import TaskCompletedEventData
from .task_completed_event_type import TaskCompletedEventType
from .task_item import TaskItem
from .task_item_status import TaskItemStatus
from .task_kind import TaskKind
from .task_state import TaskState
from .timeline import Timeline
from .timeline_entry import TimelineEntry
from .timeline_entry_status import TimelineEntryStatus
from .timeline_state import TimelineState
from .tokens import Tokens
from .tree_head import TreeHead
from .verdict import Verdict
from .verdict_status import VerdictStatus
from .we_chat_login import WeChatLogin
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_events_item import WebhookEndpointEventsItem
from .webhook_endpoint_input import WebhookEndpointInput
from .webhook_endpoint_input_events_item import WebhookEndpointInputEventsItem
from .webhook_endpoint_page import WebhookEndpointPage
from .window_token import WindowToken
from .window_token_request import WindowTokenRequest
from .witness import Witness

__all__ = (
    "Accepted",
    "AcceptedState",
    "AddressIn",
    "AddressInCoordSystem",
    "Advance",
    "AdvanceTo",
    "Ageing",
    "Answer",
    "ApiClient",
    "ApiClientInput",
    "ApiClientPage",
    "Application",
    "ApplicationCreate",
    "ApplicationCurrency",
    "ApplicationPage",
    "ApplicationShipmentState",
    "ApplicationState",
    "ArchiveReceiptIn",
    "ArchiveToDriver",
    "ArchiveToOffice",
    "ArchiveTransfer",
    "ArchiveTransferCreatedEvent",
    "ArchiveTransferCreatedEventData",
    "ArchiveTransferCreatedEventType",
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
    "BirthCertificateRejectedEvent",
    "BirthCertificateRejectedEventData",
    "BirthCertificateRejectedEventType",
    "BirthCertificateSubmittedEvent",
    "BirthCertificateSubmittedEventData",
    "BirthCertificateSubmittedEventType",
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
    "ClaimClosedEvent",
    "ClaimClosedEventData",
    "ClaimClosedEventDataStatus",
    "ClaimClosedEventType",
    "ClaimCreate",
    "ClaimCreateKind",
    "ClaimCurrency",
    "ClaimDecidedEvent",
    "ClaimDecidedEventData",
    "ClaimDecidedEventDataStatus",
    "ClaimDecidedEventType",
    "ClaimGroup",
    "ClaimPaidEvent",
    "ClaimPaidEventData",
    "ClaimPaidEventDataStatus",
    "ClaimPaidEventType",
    "ClaimPayoutType0",
    "ClaimReport",
    "ClaimReportCurrency",
    "ClaimReportRow",
    "ClaimReportRowByStatus",
    "ClaimStatus",
    "Close",
    "CodRemittedEvent",
    "CodRemittedEventData",
    "CodRemittedEventDataCurrency",
    "CodRemittedEventType",
    "CodReport",
    "CodReportCurrency",
    "ComplaintAboutPickup",
    "ComplaintAboutPickupCategory",
    "ComplaintAboutShipment",
    "ComplaintAboutShipmentCategory",
    "ComplaintAnsweredEvent",
    "ComplaintAnsweredEventData",
    "ComplaintAnsweredEventDataStatus",
    "ComplaintAnsweredEventType",
    "ComplaintGroup",
    "ComplaintReport",
    "ComplaintReportRow",
    "Consistency",
    "Contact",
    "ContactVia",
    "Courier",
    "CourierCash",
    "CourierInput",
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
    "CourtJobSubmittedEvent",
    "CourtJobSubmittedEventData",
    "CourtJobSubmittedEventType",
    "CourtJobSummary",
    "CourtJobSummaryPage",
    "CourtJobSummarySource",
    "CreatedWebhookEndpoint",
    "CreatedWebhookEndpointEventsItem",
    "Custody",
    "CustodyEvent",
    "CustodyEventRefs",
    "CustodyKey",
    "CustodyKeyAlg",
    "CustodyKeys",
    "CustodyPromise",
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
    "Evidence",
    "EvidenceEvent",
    "EvidenceEventKind",
    "EvidenceEventRefs",
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
    "HandoverCollect",
    "HandoverCollectKind",
    "HandoverLoadForDelivery",
    "HandoverLoadForDeliveryKind",
    "HandoverResult",
    "HandoverStationIn",
    "HandoverStationInKind",
    "Health",
    "HealthChecks",
    "HealthStatus",
    "Hospital",
    "HospitalDeliveryRequestedEvent",
    "HospitalDeliveryRequestedEventData",
    "HospitalDeliveryRequestedEventType",
    "HospitalPage",
    "HospitalRunBuiltEvent",
    "HospitalRunBuiltEventData",
    "HospitalRunBuiltEventType",
    "HospitalRunCollectedEvent",
    "HospitalRunCollectedEventData",
    "HospitalRunCollectedEventType",
    "HospitalRunSignedEvent",
    "HospitalRunSignedEventData",
    "HospitalRunSignedEventType",
    "InboxMessage",
    "InboxMessageChannel",
    "InboxMessageContent",
    "InboxMessagePage",
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
    "OrganisationInput",
    "OrganisationInputKind",
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
    "PickupCancelledEvent",
    "PickupCancelledEventData",
    "PickupCancelledEventType",
    "PickupCollectedEvent",
    "PickupCollectedEventData",
    "PickupCollectedEventType",
    "PickupCreatedEvent",
    "PickupCreatedEventData",
    "PickupCreatedEventType",
    "PickupCurrency",
    "PickupFromParcels",
    "PickupFromQuote",
    "PickupPage",
    "PickupPoint",
    "PickupPointInput",
    "PickupPointInputKind",
    "PickupPointKind",
    "PickupPointPatch",
    "PickupPromiseBrokenEvent",
    "PickupPromiseBrokenEventData",
    "PickupPromiseBrokenEventType",
    "PickupRemainderCancelledEvent",
    "PickupRemainderCancelledEventData",
    "PickupRemainderCancelledEventType",
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
    "PromisedEvent",
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
    "ShiftInput",
    "Shipment",
    "ShipmentAcceptedEvent",
    "ShipmentAcceptedEventData",
    "ShipmentAcceptedEventType",
    "ShipmentCollectedEvent",
    "ShipmentCollectedEventData",
    "ShipmentCollectedEventType",
    "ShipmentCurrency",
    "ShipmentDeliveredEvent",
    "ShipmentDeliveredEventData",
    "ShipmentDeliveredEventDataOutcome",
    "ShipmentDeliveredEventType",
    "ShipmentDeliveryFailedEvent",
    "ShipmentDeliveryFailedEventData",
    "ShipmentDeliveryFailedEventDataOutcome",
    "ShipmentDeliveryFailedEventType",
    "ShipmentOutForDeliveryEvent",
    "ShipmentOutForDeliveryEventData",
    "ShipmentOutForDeliveryEventType",
    "ShipmentOverdueEvent",
    "ShipmentOverdueEventData",
    "ShipmentOverdueEventDataState",
    "ShipmentOverdueEventType",
    "ShipmentPage",
    "ShipmentParty",
    "ShipmentReturnedEvent",
    "ShipmentReturnedEventData",
    "ShipmentReturnedEventDataOutcome",
    "ShipmentReturnedEventType",
    "ShipmentSealMismatchEvent",
    "ShipmentSealMismatchEventData",
    "ShipmentSealMismatchEventType",
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
    "StaffInput",
    "StaffInputRole",
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
    "TaskAcceptedEvent",
    "TaskAcceptedEventData",
    "TaskAcceptedEventType",
    "TaskArrivedEvent",
    "TaskArrivedEventData",
    "TaskArrivedEventType",
    "TaskCompletedEvent",
    "TaskCompletedEventData",
    "TaskCompletedEventType",
    "TaskItem",
    "TaskItemStatus",
    "TaskKind",
    "TaskState",
    "Timeline",
    "TimelineEntry",
    "TimelineEntryStatus",
    "TimelineState",
    "Tokens",
    "TreeHead",
    "Verdict",
    "VerdictStatus",
    "WeChatLogin",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEndpointEventsItem",
    "WebhookEndpointInput",
    "WebhookEndpointInputEventsItem",
    "WebhookEndpointPage",
    "WindowToken",
    "WindowTokenRequest",
    "Witness",
)
