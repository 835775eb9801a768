// A data-channel key and certificate as agents made them before @peculiar/x509 (the hand-written
// DER encoder), with the fingerprint `openssl x509 -noout -fingerprint -sha256` prints for it.
export const EARLIER_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6+yDdLo4zRMWHrx6
5LjjJmIwKUaGpiftF6l4U2HX/HahRANCAAQJZxoaeuYKwVpEhLqyPSpDIGG66/pi
qdq8Z/33MzePUzuy5awrVJvCWi1Q0ZTqT4zm1SwkBsBDLogHyogPxlvc
-----END PRIVATE KEY-----
`;

export const EARLIER_CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBQDCB5qADAgECAhBnvDlbfJ/QFRHveB4CY8mvMAoGCCqGSM49BAMCMCIxIDAe
BgNVBAMMF3RjcGEtYWdlbnQgZGF0YSBjaGFubmVsMB4XDTI2MTAzMTA5MDAwMFoX
DTQ5MTIzMTIzNTk1OVowIjEgMB4GA1UEAwwXdGNwYS1hZ2VudCBkYXRhIGNoYW5u
ZWwwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQJZxoaeuYKwVpEhLqyPSpDIGG6
6/piqdq8Z/33MzePUzuy5awrVJvCWi1Q0ZTqT4zm1SwkBsBDLogHyogPxlvcMAoG
CCqGSM49BAMCA0kAMEYCIQCE2xe+OX0bBmECMJNIE/Qb0rabCsDz107vIigsQnKb
ZwIhALzCcRIV2PP5rm1CmAXTVhwVURhjsPSdf1qcxm/hhd9n
-----END CERTIFICATE-----
`;

export const EARLIER_FINGERPRINT =
  '1B:9F:C2:97:C5:87:96:A0:E3:D8:A3:4A:65:AE:09:7A:37:04:D0:1A:05:39:99:36:00:2A:66:7C:87:06:99:97';
