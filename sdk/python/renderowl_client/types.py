"""Types of the Renderowl API, generated from sdk/openapi.json by generate_types.py: do not edit."""
from __future__ import annotations

from typing import Any, Dict, List, Literal, TypedDict, Union  # noqa: F401


ErrorCode = Literal["API_KEY_NOT_FOUND", "API_KEY_REVOKED", "ASSET_NOT_FOUND", "ASSET_NOT_READY", "ASSET_TOO_LARGE", "AUTOMATION_DISABLED", "AUTOMATION_LOOP", "AUTOMATION_NOT_FOUND", "BAD_REQUEST", "CONFLICT", "DELIVERY_NOT_FOUND", "DOWNLOAD_EXPIRED", "DOWNLOAD_SIGNATURE_INVALID", "FORBIDDEN", "IDEMPOTENCY_KEY_IN_USE", "IDEMPOTENCY_KEY_REUSED", "INTERNAL_ERROR", "INVALID_API_KEY", "INVALID_JSON", "INVALID_SIGNATURE", "INVALID_TEMPLATE_VARIABLES", "MASTER_KEY_REQUIRED", "METHOD_NOT_ALLOWED", "NOT_FOUND", "OBJECT_NOT_FOUND", "PAYLOAD_TOO_LARGE", "PREVIEW_BUSY", "PREVIEW_TIMEOUT", "PROJECT_ARCHIVED", "PROJECT_NOT_FOUND", "PROJECT_QUOTA_EXCEEDED", "PROJECT_REQUIRED", "PROJECT_SUSPENDED", "RATE_LIMIT_EXCEEDED", "RENDER_NOT_CANCELLABLE", "RENDER_NOT_FOUND", "RUN_NOT_FAILED", "RUN_NOT_FOUND", "SLUG_TAKEN", "STORAGE_QUOTA_EXCEEDED", "TEMPLATE_NOT_FOUND", "UNAUTHENTICATED", "UNAUTHORIZED_SCOPE", "UNSUPPORTED_MEDIA_TYPE", "UPLOAD_ALREADY_COMPLETED", "UPLOAD_EXPIRED", "UPLOAD_INCOMPLETE", "UPLOAD_SIGNATURE_INVALID", "UPLOAD_TOO_LARGE", "VALIDATION_ERROR"]
"""Every `error.code` the API answers with."""


class ApiKey(TypedDict, total=False):
    """ApiKey"""

    createdAt: str
    id: str
    keyPrefix: str
    lastUsedAt: Union[str, None]
    name: str
    rateLimitRpm: int
    revokedAt: Union[str, None]
    scopes: List[str]


class _ApiKeyCreateRequired(TypedDict):
    name: str


class ApiKeyCreate(_ApiKeyCreateRequired, total=False):
    """ApiKeyCreate"""

    rateLimitRpm: int
    scopes: List[Literal["projects:read", "assets:read", "assets:write", "templates:read", "templates:write", "renders:read", "renders:write", "automations:read", "automations:write"]]


class ApiKeyCreated(TypedDict, total=False):
    """ApiKeyCreated"""

    createdAt: str
    id: str
    key: str
    keyPrefix: str
    lastUsedAt: Union[str, None]
    name: str
    rateLimitRpm: int
    revokedAt: Union[str, None]
    scopes: List[str]


class ApiKeyPage(TypedDict, total=False):
    """ApiKeyPage"""

    data: List[ApiKey]
    hasMore: bool
    nextCursor: Union[str, None]


class Asset(TypedDict, total=False):
    """Asset"""

    createdAt: str
    description: Union[str, None]
    error: str
    id: str
    metadata: Dict[str, Any]
    mimeType: str
    name: str
    projectId: str
    sizeBytes: int
    status: Literal["uploading", "processing", "ready", "failed"]
    tags: List[str]
    type: Literal["video", "audio", "image", "font", "template"]
    updatedAt: str
    urls: Dict[str, Any]


class _AssetCreateRequired(TypedDict):
    mimeType: str
    name: str
    sizeBytes: int
    type: Literal["video", "audio", "image", "font", "template"]


class AssetCreate(_AssetCreateRequired, total=False):
    """AssetCreate"""

    description: Union[str, None]
    tags: List[str]


class AssetCreated(TypedDict, total=False):
    """AssetCreated"""

    asset: Asset
    expiresAt: str
    uploadHeaders: Dict[str, Any]
    uploadMethod: Literal["PUT"]
    uploadUrl: str


class AssetFilter(TypedDict, total=False):
    """AssetFilter"""

    tags: List[str]
    type: Literal["video", "audio", "image", "font", "template"]


class AssetPage(TypedDict, total=False):
    """AssetPage"""

    data: List[Asset]
    hasMore: bool
    nextCursor: Union[str, None]


class AssetUpdate(TypedDict, total=False):
    """AssetUpdate"""

    description: Union[str, None]
    name: str
    tags: List[str]


class _AssetUploadTriggerRequired(TypedDict):
    type: Literal["asset_upload"]


class AssetUploadTrigger(_AssetUploadTriggerRequired, total=False):
    """AssetUploadTrigger"""

    filter: AssetFilter


class AssetUploaded(TypedDict, total=False):
    """AssetUploaded"""

    asset: Asset


class Automation(TypedDict, total=False):
    """Automation"""

    actions: List[Dict[str, Any]]
    createdAt: str
    description: Union[str, None]
    enabled: bool
    id: str
    name: str
    projectId: str
    runs: Dict[str, Any]
    trigger: Dict[str, Any]
    updatedAt: str


class _AutomationCreateRequired(TypedDict):
    actions: List[Union[RenderAction, WebhookAction]]
    name: str
    trigger: Union[WebhookTrigger, ScheduleTrigger, AssetUploadTrigger]


class AutomationCreate(_AutomationCreateRequired, total=False):
    """AutomationCreate"""

    description: Union[str, None]
    enabled: bool


class AutomationPage(TypedDict, total=False):
    """AutomationPage"""

    data: List[Automation]
    hasMore: bool
    nextCursor: Union[str, None]


class AutomationRunPage(TypedDict, total=False):
    """AutomationRunPage"""

    data: List[Run]
    hasMore: bool
    nextCursor: Union[str, None]


class AutomationUpdate(TypedDict, total=False):
    """AutomationUpdate"""

    actions: List[Union[RenderAction, WebhookAction]]
    description: Union[str, None]
    enabled: bool
    name: str
    trigger: Union[WebhookTrigger, ScheduleTrigger, AssetUploadTrigger]


class CaptionStyle(TypedDict, total=False):
    """CaptionStyle"""

    backgroundColor: Union[str, None]
    fontFamily: str
    fontSize: float
    highlightColor: str
    marginV: int
    maxCharsPerLine: Union[int, None]
    maxCharsPerSecond: float
    maxLines: int
    outlineColor: str
    outlineWidth: float
    position: Literal["top", "center", "bottom"]
    textColor: str
    uppercase: bool
    wordHighlight: bool


class CaptionWarning(TypedDict, total=False):
    """CaptionWarning"""

    code: Literal["READING_SPEED", "TOO_SHORT", "TOO_LONG", "FLASH_GAP", "LINE_TOO_LONG"]
    cue: int
    message: str


class DryRun(TypedDict, total=False):
    """DryRun"""

    captions: List[Dict[str, Any]]
    dryRun: bool
    estimatedMinutes: float
    projectId: str
    settings: Dict[str, Any]
    style: Dict[str, Any]
    templateId: Union[str, None]
    video: Dict[str, Any]
    warnings: List[CaptionWarning]


class Error(TypedDict):
    """Error"""

    error: ErrorBody


class _ErrorBodyRequired(TypedDict):
    code: Literal["API_KEY_NOT_FOUND", "API_KEY_REVOKED", "ASSET_NOT_FOUND", "ASSET_NOT_READY", "ASSET_TOO_LARGE", "AUTOMATION_DISABLED", "AUTOMATION_LOOP", "AUTOMATION_NOT_FOUND", "BAD_REQUEST", "CONFLICT", "DELIVERY_NOT_FOUND", "DOWNLOAD_EXPIRED", "DOWNLOAD_SIGNATURE_INVALID", "FORBIDDEN", "IDEMPOTENCY_KEY_IN_USE", "IDEMPOTENCY_KEY_REUSED", "INTERNAL_ERROR", "INVALID_API_KEY", "INVALID_JSON", "INVALID_SIGNATURE", "INVALID_TEMPLATE_VARIABLES", "MASTER_KEY_REQUIRED", "METHOD_NOT_ALLOWED", "NOT_FOUND", "OBJECT_NOT_FOUND", "PAYLOAD_TOO_LARGE", "PREVIEW_BUSY", "PREVIEW_TIMEOUT", "PROJECT_ARCHIVED", "PROJECT_NOT_FOUND", "PROJECT_QUOTA_EXCEEDED", "PROJECT_REQUIRED", "PROJECT_SUSPENDED", "RATE_LIMIT_EXCEEDED", "RENDER_NOT_CANCELLABLE", "RENDER_NOT_FOUND", "RUN_NOT_FAILED", "RUN_NOT_FOUND", "SLUG_TAKEN", "STORAGE_QUOTA_EXCEEDED", "TEMPLATE_NOT_FOUND", "UNAUTHENTICATED", "UNAUTHORIZED_SCOPE", "UNSUPPORTED_MEDIA_TYPE", "UPLOAD_ALREADY_COMPLETED", "UPLOAD_EXPIRED", "UPLOAD_INCOMPLETE", "UPLOAD_SIGNATURE_INVALID", "UPLOAD_TOO_LARGE", "VALIDATION_ERROR"]
    message: str


class ErrorBody(_ErrorBodyRequired, total=False):
    """ErrorBody"""

    details: Dict[str, Any]


class Health(TypedDict, total=False):
    """Health"""

    database: str
    oldestQueuedJobAgeSeconds: Union[float, None]
    queue: str
    queueDepth: Union[int, None]
    status: Literal["ok", "error"]


class Project(TypedDict, total=False):
    """Project"""

    createdAt: str
    description: Union[str, None]
    id: str
    name: str
    settings: Dict[str, Any]
    slug: str
    status: Literal["active", "suspended", "archived"]
    updatedAt: str
    usage: Usage
    webhookSecret: str


class _ProjectCreateRequired(TypedDict):
    name: str
    slug: str


class ProjectCreate(_ProjectCreateRequired, total=False):
    """ProjectCreate"""

    description: Union[str, None]
    settings: ProjectSettings


class ProjectPage(TypedDict, total=False):
    """ProjectPage"""

    data: List[Project]
    hasMore: bool
    nextCursor: Union[str, None]


class ProjectSettings(TypedDict, total=False):
    """ProjectSettings"""

    defaultRateLimitRpm: int
    maxAssetSizeBytes: int
    quotaPeriod: Literal["month", "total"]
    renderQuotaMinutes: int
    storageQuotaBytes: int
    webhookUrl: Union[str, None]


class ProjectUpdate(TypedDict, total=False):
    """ProjectUpdate"""

    description: Union[str, None]
    name: str
    settings: ProjectSettings
    status: Literal["active", "suspended", "archived"]


class Redelivery(TypedDict, total=False):
    """Redelivery"""

    eventId: str
    status: Literal["queued"]
    url: str


class _RenderActionRequired(TypedDict):
    type: Literal["render"]


class RenderAction(_RenderActionRequired, total=False):
    """RenderAction"""

    captions: Dict[str, Any]
    style: Dict[str, Any]
    templateId: str
    templateVariables: Dict[str, Any]
    video: Dict[str, Any]


class _RenderCreateRequired(TypedDict):
    captions: Union[List[Dict[str, Any]], Dict[str, Any]]


class RenderCreate(_RenderCreateRequired, total=False):
    """RenderCreate"""

    dryRun: bool
    settings: RenderSettings
    style: CaptionStyle
    templateId: Union[str, None]
    templateVariables: Dict[str, Any]
    video: Video
    webhookUrl: Union[str, None]


class RenderJob(TypedDict, total=False):
    """RenderJob"""

    captions: List[Dict[str, Any]]
    completedAt: Union[str, None]
    createdAt: str
    error: Union[str, None]
    id: str
    output: Union[Dict[str, Any], None]
    progress: float
    projectId: str
    settings: Dict[str, Any]
    startedAt: Union[str, None]
    status: Literal["queued", "rendering", "completed", "failed", "cancelled"]
    style: Dict[str, Any]
    templateId: Union[str, None]
    video: Dict[str, Any]
    warnings: List[CaptionWarning]


class RenderJobPage(TypedDict, total=False):
    """RenderJobPage"""

    data: List[RenderJob]
    hasMore: bool
    nextCursor: Union[str, None]


class _RenderPreviewRequired(TypedDict):
    captions: Union[List[Dict[str, Any]], Dict[str, Any]]


class RenderPreview(_RenderPreviewRequired, total=False):
    """RenderPreview"""

    at: float
    dryRun: bool
    settings: RenderSettings
    style: CaptionStyle
    templateId: Union[str, None]
    templateVariables: Dict[str, Any]
    video: Video
    webhookUrl: Union[str, None]
    width: int


class RenderSettings(TypedDict, total=False):
    """RenderSettings"""

    crf: int
    fps: float
    height: int
    preset: Literal["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"]
    width: int


class Run(TypedDict, total=False):
    """Run"""

    automationId: str
    completedAt: Union[str, None]
    depth: int
    error: Union[str, None]
    id: str
    input: Dict[str, Any]
    output: Dict[str, Any]
    projectId: str
    status: Literal["queued", "running", "completed", "failed"]
    steps: List[Step]
    trigger: Dict[str, Any]
    triggeredAt: str


class RunCreate(TypedDict, total=False):
    """RunCreate"""

    input: Dict[str, Any]


class _ScheduleTriggerRequired(TypedDict):
    cron: str
    type: Literal["schedule"]


class ScheduleTrigger(_ScheduleTriggerRequired, total=False):
    """ScheduleTrigger"""

    timezone: str


class Step(TypedDict, total=False):
    """Step"""

    completedAt: Union[str, None]
    error: Union[str, None]
    index: int
    output: Any
    renderJobId: Union[str, None]
    startedAt: Union[str, None]
    status: Literal["pending", "running", "waiting", "completed", "failed"]
    type: str


class StorageEventResult(TypedDict, total=False):
    """StorageEventResult"""

    assets: List[Dict[str, Any]]
    received: int


class Template(TypedDict, total=False):
    """Template"""

    createdAt: str
    defaultSettings: Dict[str, Any]
    defaultVideo: Union[Dict[str, Any], None]
    description: Union[str, None]
    id: str
    isDefault: bool
    name: str
    projectId: str
    style: Dict[str, Any]
    updatedAt: str
    variables: List[Dict[str, Any]]


class _TemplateCreateRequired(TypedDict):
    name: str


class TemplateCreate(_TemplateCreateRequired, total=False):
    """TemplateCreate"""

    defaultSettings: TemplateSettings
    defaultVideo: Union[TemplateVideo, None]
    description: Union[str, None]
    isDefault: bool
    style: TemplateStyle
    variables: List[Variable]


class TemplatePage(TypedDict, total=False):
    """TemplatePage"""

    data: List[Template]
    hasMore: bool
    nextCursor: Union[str, None]


class TemplateSettings(TypedDict, total=False):
    """TemplateSettings"""

    crf: Dict[str, Any]
    fps: Dict[str, Any]
    height: Dict[str, Any]
    preset: Dict[str, Any]
    width: Dict[str, Any]


class TemplateStyle(TypedDict, total=False):
    """TemplateStyle"""

    backgroundColor: Dict[str, Any]
    fontFamily: Dict[str, Any]
    fontSize: Dict[str, Any]
    highlightColor: Dict[str, Any]
    marginV: Dict[str, Any]
    maxCharsPerLine: Dict[str, Any]
    maxCharsPerSecond: Dict[str, Any]
    maxLines: Dict[str, Any]
    outlineColor: Dict[str, Any]
    outlineWidth: Dict[str, Any]
    position: Dict[str, Any]
    textColor: Dict[str, Any]
    uppercase: Dict[str, Any]
    wordHighlight: Dict[str, Any]


class TemplateUpdate(TypedDict, total=False):
    """TemplateUpdate"""

    defaultSettings: TemplateSettings
    defaultVideo: Union[TemplateVideo, None]
    description: Union[str, None]
    isDefault: bool
    name: str
    style: TemplateStyle
    variables: List[Variable]


class _TemplateVideoRequired(TypedDict):
    type: Literal["asset", "url"]


class TemplateVideo(_TemplateVideoRequired, total=False):
    """TemplateVideo"""

    assetId: Dict[str, Any]
    url: Dict[str, Any]


class TriggerAccepted(TypedDict, total=False):
    """TriggerAccepted"""

    runId: str


class Usage(TypedDict, total=False):
    """Usage"""

    periodStart: str
    renderCount: int
    renderMinutesUsed: float
    storageBytes: int


class UsageDay(TypedDict, total=False):
    """UsageDay"""

    date: str
    deliveries: int
    renderCount: int
    renderMinutes: float
    runs: int
    storageBytes: int


UsageHistory = TypedDict("UsageHistory", {"data": "List[UsageDay]", "from": "str", "projectId": "str", "to": "str"}, total=False)

class _VariableRequired(TypedDict):
    key: str
    type: Literal["string", "number", "color", "boolean", "select"]


class Variable(_VariableRequired, total=False):
    """Variable"""

    default: Dict[str, Any]
    label: str
    options: List[Any]
    required: bool


class _VideoRequired(TypedDict):
    type: Literal["asset", "url"]


class Video(_VideoRequired, total=False):
    """Video"""

    assetId: str
    url: str


class _WebhookActionRequired(TypedDict):
    type: Literal["webhook"]
    url: str


class WebhookAction(_WebhookActionRequired, total=False):
    """WebhookAction"""

    body: Dict[str, Any]
    headers: Dict[str, Any]
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]


class WebhookDelivery(TypedDict, total=False):
    """WebhookDelivery"""

    attempt: int
    createdAt: str
    durationMs: int
    error: Union[str, None]
    eventId: str
    eventType: str
    id: str
    responseSnippet: Union[str, None]
    statusCode: Union[int, None]
    url: str


class WebhookDeliveryPage(TypedDict, total=False):
    """WebhookDeliveryPage"""

    data: List[WebhookDelivery]
    hasMore: bool
    nextCursor: Union[str, None]


class _WebhookTriggerRequired(TypedDict):
    type: Literal["webhook"]


class WebhookTrigger(_WebhookTriggerRequired, total=False):
    """WebhookTrigger"""

    rateLimitRpm: int
