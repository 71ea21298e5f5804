// swift-tools-version:6.0
//
// shishi (实事): the deputies' vote on a city's "ten practical matters" and everything after it.

import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "shishi",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "shishi", targets: ["shishi"]),
        .library(name: "ShishiCore", targets: ["ShishiCore"]),
        .library(name: "ShishiBallot", targets: ["ShishiBallot"]),
        .library(name: "ShishiTally", targets: ["ShishiTally"]),
        .library(name: "ShishiStore", targets: ["ShishiStore"]),
        .library(name: "ShishiFollowUp", targets: ["ShishiFollowUp"]),
        .library(name: "ShishiServer", targets: ["ShishiServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "4.5.2"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
    ],
    targets: [
        // The system's OpenSSL libcrypto, for the SM2 signature suite and the SM3 hash.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // The system's libqrencode, for the QR codes of the sign-in desk and the projects' signs.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]
        ),
        // Linux's epoll(7), for the hall bench's simulated booths (Glibc's module leaves it out).
        .systemLibrary(name: "CEpoll"),
        // Shared vocabulary: suites, keys, hashing, signed envelopes, strict JSON, CSV, the vote manifest.
        .target(
            name: "ShishiCore",
            dependencies: [
                "COpenSSL",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            swiftSettings: strictSettings
        ),
        // The ballot module: credentials, ballots, paper batches, the vote folder, the simulator.
        .target(
            name: "ShishiBallot",
            dependencies: [
                "ShishiCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The tally engine: the numbered checks, the count under the rules, results, receipts, reports.
        .target(
            name: "ShishiTally",
            dependencies: ["ShishiCore", "ShishiBallot", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // The workspace: SQLite through GRDB, named migrations, records, the hash-chained audit log.
        .target(
            name: "ShishiStore",
            dependencies: [
                "ShishiCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The follow-up module: adoption from a verified result, implementation tracking, evaluation.
        .target(
            name: "ShishiFollowUp",
            dependencies: [
                "ShishiCore", "ShishiBallot", "ShishiTally", "ShishiStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            swiftSettings: strictSettings
        ),
        // The web server: the voting hall in the browser, over the same library calls.
        .target(
            name: "ShishiServer",
            dependencies: [
                "ShishiCore", "ShishiBallot", "ShishiTally", "ShishiFollowUp", "ShishiStore", "CQRencode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // The event loops as Swift concurrency's executor (``ServerThreads``).
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                // The hall and the year served together, as one group of services.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // Certificates for the hall's network (``HallCertificates``).
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: strictSettings
        ),
        // The command-line tool: parses, calls one library function, prints.
        .executableTarget(
            name: "shishi",
            dependencies: [
                "ShishiCore",
                "ShishiBallot",
                "ShishiTally",
                "ShishiStore",
                "ShishiFollowUp",
                "ShishiServer",
                "CEpoll",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The hall bench's simulated booths.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ShishiCoreTests",
            dependencies: ["ShishiCore"],
            swiftSettings: strictSettings
        ),
        // Shared test fixtures: small votes built through the real code.
        .target(
            name: "ShishiTestSupport",
            dependencies: ["ShishiBallot", "ShishiCore"],
            path: "Tests/ShishiTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ShishiBallotTests",
            dependencies: ["ShishiBallot", "ShishiCore", "ShishiTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ShishiTallyTests",
            dependencies: ["ShishiTally", "ShishiBallot", "ShishiCore", "ShishiTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ShishiStoreTests",
            dependencies: ["ShishiStore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ShishiFollowUpTests",
            dependencies: [
                "ShishiFollowUp", "ShishiStore", "ShishiTally", "ShishiBallot", "ShishiCore", "ShishiTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ShishiServerTests",
            dependencies: [
                "ShishiServer", "ShishiTally", "ShishiBallot", "ShishiCore", "ShishiTestSupport", "ShishiFollowUp", "ShishiStore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ShishiCLITests",
            dependencies: ["shishi", "ShishiCore"],
            swiftSettings: strictSettings
        ),
    ]
)
