/**
 * Web permissions (camera, microphone, notifications, geolocation, clipboard reads, MIDI,
 * HID, serial, fullscreen, pointer lock, …): Rankwise's UI needs none of them, and a page
 * showing untrusted text must be granted nothing. Deny by default — there is no allow list
 * to grow by accident — and say so for every request and every check.
 */
export function permissionDecision(_permission: string, _requestingOrigin: string): boolean {
  return false;
}

/** Device choosers (HID, serial, USB, Bluetooth): never a device. */
export function devicePermissionDecision(_deviceType: string): boolean {
  return false;
}
