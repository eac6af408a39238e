<?php
// Verify a Renderowl webhook: HMAC-SHA256 of "<t>.<raw body>" keyed with the whole whsec_ secret.
function renderowl_verify_webhook(string $rawBody, string $header, string $secret, int $tolerance = 300): bool {
    $t = null; $signatures = [];
    foreach (explode(',', $header) as $part) {
        [$k, $v] = array_pad(explode('=', trim($part), 2), 2, '');
        if ($k === 't' && ctype_digit($v)) { $t = (int) $v; }
        elseif ($k === 'v1' && $v !== '') { $signatures[] = $v; }
    }
    if ($t === null || !$signatures || abs(time() - $t) > $tolerance) { return false; }
    $expected = hash_hmac('sha256', $t . '.' . $rawBody, $secret);
    foreach ($signatures as $sig) {            // two v1= values during a secret rotation
        if (hash_equals($expected, $sig)) { return true; }
    }
    return false;
}

// In a web app: $raw = file_get_contents('php://input'); $header = $_SERVER['HTTP_RENDEROWL_SIGNATURE'] ?? '';
$raw = file_get_contents(getenv('WEBHOOK_BODY_FILE'));
$valid = renderowl_verify_webhook($raw, getenv('WEBHOOK_SIGNATURE'), getenv('WEBHOOK_SECRET'));
$event = json_decode($raw, true);
echo json_encode(['valid' => $valid, 'type' => $event['type']]), "\n";
