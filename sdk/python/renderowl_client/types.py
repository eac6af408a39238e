"""Types of the Renderowl API, generated from sdk/openapi.json by generate_types.py: do not edit."""
from __future__ import annotations

from typing import Any, Dict, List, Literal, TypedDict, Union  # noqa: F401


ErrorCode = Literal["API_KEY_NOT_FOUND", "API_KEY_REVOKED", "ASSET_NOT_FOUND", "ASSET_NOT_READY", "ASSET_TOO_LARGE", "AUTOMATION_DISABLED", "AUTOMATION_LOOP", "AUTOMATION_NOT_FOUND", "BAD_REQUEST", "CONFLICT", "DELIVERY_NOT_FOUND", "DOWNLOAD_EXPIRED", "DOWNLOAD_SIGNATURE_INVALID", "EXPECTATION_FAILED", "FORBIDDEN", "HEADERS_TOO_LARGE", "IDEMPOTENCY_KEY_IN_USE", "IDEMPOTENCY_KEY_REUSED", "INTERNAL_ERROR", "INVALID_API_KEY", "INVALID_JSON", "INVALID_SIGNATURE", "INVALID_TEMPLATE_VARIABLES", "MASTER_KEY_REQUIRED", "METHOD_NOT_ALLOWED", "NOT_FOUND", "NOT_IMPLEMENTED", "OBJECT_NOT_FOUND", "PAYLOAD_TOO_LARGE", "PREVIEW_BUSY", "PREVIEW_TIMEOUT", "PROJECT_ARCHIVED", "PROJECT_NOT_FOUND", "PROJECT_QUOTA_EXCEEDED", "PROJECT_REQUIRED", "PROJECT_SUSPENDED", "RATE_LIMIT_EXCEEDED", "RENDER_NOT_CANCELLABLE", "RENDER_NOT_FOUND", "RUN_NOT_FAILED", "RUN_NOT_FOUND", "SLUG_TAKEN", "STORAGE_QUOTA_EXCEEDED", "TEMPLATE_NOT_FOUND", "UNAUTHENTICATED", "UNAUTHORIZED_SCOPE", "UNSUPPORTED_MEDIA_TYPE", "UPLOAD_ALREADY_COMPLETED", "UPLOAD_EXPIRED", "UPLOAD_INCOMPLETE", "UPLOAD_SIGNATURE_INVALID", "UPLOAD_TOO_LARGE", "URI_TOO_LONG", "VALIDATION_ERROR"]
"""Every `error.code` the API answers with."""


class ApiKey(TypedDict):
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


class ApiKeyCreated(TypedDict):
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


class ApiKeyPage(TypedDict):
    """ApiKeyPage"""

    data: List[ApiKey]
    hasMore: bool
    nextCursor: Union[str, None]


class _AssetRequired(TypedDict):
    createdAt: str
    description: Union[str, None]
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


class Asset(_AssetRequired, total=False):
    """Asset"""

    error: str


class AssetCreated(TypedDict):
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


class AssetPage(TypedDict):
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


class AssetUploaded(TypedDict):
    """AssetUploaded"""

    asset: Asset


class AssetVideo(TypedDict):
    """AssetVideo"""

    assetId: str
    type: Literal["asset"]


class _AudioAssetCreateRequired(TypedDict):
    mimeType: str
    name: str
    sizeBytes: int
    type: Literal["audio"]


class AudioAssetCreate(_AudioAssetCreateRequired, total=False):
    """AudioAssetCreate"""

    description: Union[str, None]
    tags: List[str]


class Automation(TypedDict):
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
    actions: List[Action]
    name: str
    trigger: Trigger


class AutomationCreate(_AutomationCreateRequired, total=False):
    """AutomationCreate"""

    description: Union[str, None]
    enabled: bool


class AutomationPage(TypedDict):
    """AutomationPage"""

    data: List[Automation]
    hasMore: bool
    nextCursor: Union[str, None]


class AutomationRunPage(TypedDict):
    """AutomationRunPage"""

    data: List[Run]
    hasMore: bool
    nextCursor: Union[str, None]


class AutomationUpdate(TypedDict, total=False):
    """AutomationUpdate"""

    actions: List[Action]
    description: Union[str, None]
    enabled: bool
    name: str
    trigger: Trigger


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


class CaptionWarning(TypedDict):
    """CaptionWarning"""

    code: Literal["READING_SPEED", "TOO_SHORT", "TOO_LONG", "FLASH_GAP", "LINE_TOO_LONG"]
    cue: int
    message: str


class DryRun(TypedDict):
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
    code: Literal["API_KEY_NOT_FOUND", "API_KEY_REVOKED", "ASSET_NOT_FOUND", "ASSET_NOT_READY", "ASSET_TOO_LARGE", "AUTOMATION_DISABLED", "AUTOMATION_LOOP", "AUTOMATION_NOT_FOUND", "BAD_REQUEST", "CONFLICT", "DELIVERY_NOT_FOUND", "DOWNLOAD_EXPIRED", "DOWNLOAD_SIGNATURE_INVALID", "EXPECTATION_FAILED", "FORBIDDEN", "HEADERS_TOO_LARGE", "IDEMPOTENCY_KEY_IN_USE", "IDEMPOTENCY_KEY_REUSED", "INTERNAL_ERROR", "INVALID_API_KEY", "INVALID_JSON", "INVALID_SIGNATURE", "INVALID_TEMPLATE_VARIABLES", "MASTER_KEY_REQUIRED", "METHOD_NOT_ALLOWED", "NOT_FOUND", "NOT_IMPLEMENTED", "OBJECT_NOT_FOUND", "PAYLOAD_TOO_LARGE", "PREVIEW_BUSY", "PREVIEW_TIMEOUT", "PROJECT_ARCHIVED", "PROJECT_NOT_FOUND", "PROJECT_QUOTA_EXCEEDED", "PROJECT_REQUIRED", "PROJECT_SUSPENDED", "RATE_LIMIT_EXCEEDED", "RENDER_NOT_CANCELLABLE", "RENDER_NOT_FOUND", "RUN_NOT_FAILED", "RUN_NOT_FOUND", "SLUG_TAKEN", "STORAGE_QUOTA_EXCEEDED", "TEMPLATE_NOT_FOUND", "UNAUTHENTICATED", "UNAUTHORIZED_SCOPE", "UNSUPPORTED_MEDIA_TYPE", "UPLOAD_ALREADY_COMPLETED", "UPLOAD_EXPIRED", "UPLOAD_INCOMPLETE", "UPLOAD_SIGNATURE_INVALID", "UPLOAD_TOO_LARGE", "URI_TOO_LONG", "VALIDATION_ERROR"]
    message: str


class ErrorBody(_ErrorBodyRequired, total=False):
    """ErrorBody"""

    details: Dict[str, Any]


class _FontAssetCreateRequired(TypedDict):
    mimeType: Literal["font/ttf", "font/otf", "font/woff", "font/woff2"]
    name: str
    sizeBytes: int
    type: Literal["font"]


class FontAssetCreate(_FontAssetCreateRequired, total=False):
    """FontAssetCreate"""

    description: Union[str, None]
    tags: List[str]


class Health(TypedDict):
    """Health"""

    database: str
    oldestQueuedJobAgeSeconds: Union[float, None]
    queue: str
    queueDepth: Union[int, None]
    status: Literal["ok", "error"]


class _ImageAssetCreateRequired(TypedDict):
    mimeType: Literal["image/png", "image/jpeg", "image/webp", "image/gif"]
    name: str
    sizeBytes: int
    type: Literal["image"]


class ImageAssetCreate(_ImageAssetCreateRequired, total=False):
    """ImageAssetCreate"""

    description: Union[str, None]
    tags: List[str]


class _ProjectRequired(TypedDict):
    createdAt: str
    description: Union[str, None]
    id: str
    name: str
    settings: Dict[str, Any]
    slug: str
    status: Literal["active", "suspended", "archived"]
    updatedAt: str
    usage: Usage


class Project(_ProjectRequired, total=False):
    """Project"""

    webhookSecret: str


class _ProjectCreateRequired(TypedDict):
    name: str
    slug: str


class ProjectCreate(_ProjectCreateRequired, total=False):
    """ProjectCreate"""

    description: Union[str, None]
    settings: ProjectSettings


class ProjectPage(TypedDict):
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


class Redelivery(TypedDict):
    """Redelivery"""

    eventId: str
    status: Literal["queued"]
    url: str


class _RenderActionRequired(TypedDict):
    type: Literal["render"]


class RenderAction(_RenderActionRequired, total=False):
    """RenderAction"""

    captions: Union[List[Any], Dict[str, Any], str]
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


class RenderJob(TypedDict):
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


class RenderJobPage(TypedDict):
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


class Run(TypedDict):
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


class Step(TypedDict):
    """Step"""

    completedAt: Union[str, None]
    error: Union[str, None]
    index: int
    output: Any
    renderJobId: Union[str, None]
    startedAt: Union[str, None]
    status: Literal["pending", "running", "waiting", "completed", "failed"]
    type: str


class StorageEventResult(TypedDict):
    """StorageEventResult"""

    assets: List[Dict[str, Any]]
    received: int


class Template(TypedDict):
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


class _TemplateAssetCreateRequired(TypedDict):
    mimeType: Literal["application/json"]
    name: str
    sizeBytes: int
    type: Literal["template"]


class TemplateAssetCreate(_TemplateAssetCreateRequired, total=False):
    """TemplateAssetCreate"""

    description: Union[str, None]
    tags: List[str]


class TemplateAssetVideo(TypedDict):
    """TemplateAssetVideo"""

    assetId: str
    type: Literal["asset"]


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


class TemplatePage(TypedDict):
    """TemplatePage"""

    data: List[Template]
    hasMore: bool
    nextCursor: Union[str, None]


class TemplateSettings(TypedDict, total=False):
    """TemplateSettings"""

    crf: Union[int, str]
    fps: Union[float, str]
    height: Union[int, str]
    preset: Union[Literal["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"], str]
    width: Union[int, str]


class TemplateStyle(TypedDict, total=False):
    """TemplateStyle"""

    backgroundColor: Union[Union[str, None], str]
    fontFamily: str
    fontSize: Union[float, str]
    highlightColor: str
    marginV: Union[int, str]
    maxCharsPerLine: Union[Union[int, None], str]
    maxCharsPerSecond: Union[float, str]
    maxLines: Union[int, str]
    outlineColor: str
    outlineWidth: Union[float, str]
    position: Union[Literal["top", "center", "bottom"], str]
    textColor: str
    uppercase: Union[bool, str]
    wordHighlight: Union[bool, str]


class TemplateUpdate(TypedDict, total=False):
    """TemplateUpdate"""

    defaultSettings: TemplateSettings
    defaultVideo: Union[TemplateVideo, None]
    description: Union[str, None]
    isDefault: bool
    name: str
    style: TemplateStyle
    variables: List[Variable]


class TemplateUrlVideo(TypedDict):
    """TemplateUrlVideo"""

    type: Literal["url"]
    url: str


class TriggerAccepted(TypedDict):
    """TriggerAccepted"""

    runId: str


class UrlVideo(TypedDict):
    """UrlVideo"""

    type: Literal["url"]
    url: str


class Usage(TypedDict):
    """Usage"""

    periodStart: str
    renderCount: int
    renderMinutesUsed: float
    storageBytes: int


class UsageDay(TypedDict):
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


class _VideoAssetCreateRequired(TypedDict):
    mimeType: str
    name: str
    sizeBytes: int
    type: Literal["video"]


class VideoAssetCreate(_VideoAssetCreateRequired, total=False):
    """VideoAssetCreate"""

    description: Union[str, None]
    tags: List[str]


class _WebhookActionRequired(TypedDict):
    type: Literal["webhook"]
    url: str


class WebhookAction(_WebhookActionRequired, total=False):
    """WebhookAction"""

    body: Dict[str, Any]
    headers: Dict[str, Any]
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]


class WebhookDelivery(TypedDict):
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


class WebhookDeliveryPage(TypedDict):
    """WebhookDeliveryPage"""

    data: List[WebhookDelivery]
    hasMore: bool
    nextCursor: Union[str, None]


class _WebhookTriggerRequired(TypedDict):
    type: Literal["webhook"]


class WebhookTrigger(_WebhookTriggerRequired, total=False):
    """WebhookTrigger"""

    rateLimitRpm: int


Action = Union[RenderAction, WebhookAction]


AssetCreate = Union[VideoAssetCreate, AudioAssetCreate, ImageAssetCreate, FontAssetCreate, TemplateAssetCreate]


TemplateVideo = Union[TemplateAssetVideo, TemplateUrlVideo]


Trigger = Union[WebhookTrigger, ScheduleTrigger, AssetUploadTrigger]


Video = Union[AssetVideo, UrlVideo]
