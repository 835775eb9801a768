/**
 * Node's and undici's network error codes in words a person acts on ("the agent could not reach
 * minio.example.com: connection refused"): the control plane's store errors and the agent's
 * storage probe say the same things.
 */
export const NETWORK_ERROR_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the name did not resolve',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'timed out',
  TimeoutError: 'timed out',
  RequestTimeout: 'timed out',
  AbortError: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS failed (is the endpoint http rather than https?)',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted here',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted here',
};
