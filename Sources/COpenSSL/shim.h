#ifndef SHISHI_COPENSSL_SHIM_H
#define SHISHI_COPENSSL_SHIM_H

// The parts of the system's OpenSSL libcrypto that shishi uses: SM2 keys and signatures
// (GB/T 32918) with the SM3 hash (GB/T 32905), through the EVP interface of OpenSSL 3.
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/obj_mac.h>

#endif
