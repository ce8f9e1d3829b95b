// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "newsdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "newsdesk", targets: ["newsdesk"]),
        .library(name: "NewsdeskExtract", targets: ["NewsdeskExtract"]),
        .library(name: "NewsdeskCheck", targets: ["NewsdeskCheck"]),
        .library(name: "NewsdeskFeed", targets: ["NewsdeskFeed"]),
        .library(name: "NewsdeskFetch", targets: ["NewsdeskFetch"]),
        .library(name: "NewsdeskStories", targets: ["NewsdeskStories"]),
        .library(name: "NewsdeskStore", targets: ["NewsdeskStore"]),
        .library(name: "NewsdeskPostgres", targets: ["NewsdeskPostgres"]),
        .library(name: "NewsdeskHTML", targets: ["NewsdeskHTML"]),
        .library(name: "NewsdeskMetrics", targets: ["NewsdeskMetrics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Without swift-configuration support, which Newsdesk does not use: a shorter build.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CMimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "NewsdeskCore",
            dependencies: ["CZlib"]
        ),
        .target(
            name: "NewsdeskHTML",
            dependencies: ["CLibXML2", "NewsdeskCore"]
        ),
        .target(
            name: "NewsdeskExtract",
            dependencies: ["NewsdeskHTML", "NewsdeskCore", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "NewsdeskCheck",
            dependencies: ["NewsdeskCore"]
        ),
        .target(
            name: "NewsdeskFeed",
            dependencies: ["CLibXML2", "NewsdeskHTML", "NewsdeskCore"]
        ),
        .target(
            name: "NewsdeskFetch",
            dependencies: [
                "NewsdeskCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NewsdeskStories"
        ),
        .target(
            name: "NewsdeskStore",
            dependencies: ["NewsdeskCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "NewsdeskPostgres",
            dependencies: [
                "NewsdeskCore", "NewsdeskStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NewsdeskDesk",
            dependencies: [
                "NewsdeskCheck", "NewsdeskCore", "NewsdeskExtract", "NewsdeskFeed", "NewsdeskFetch", "NewsdeskHTML",
                "NewsdeskStore", "NewsdeskStories",
            ]
        ),
        .target(
            name: "NewsdeskMetrics",
            dependencies: [
                "NewsdeskDesk",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "NewsdeskWeb",
            dependencies: [
                "NewsdeskCore", "NewsdeskDesk", "NewsdeskFeed", "NewsdeskHTML", "NewsdeskMetrics", "NewsdeskStore",
                "NewsdeskStories",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "newsdesk",
            dependencies: [
                "CMimalloc",
                "NewsdeskCheck",
                "NewsdeskExtract",
                "NewsdeskFeed",
                "NewsdeskFetch",
                "NewsdeskStories",
                "NewsdeskStore",
                "NewsdeskPostgres",
                "NewsdeskDesk",
                "NewsdeskHTML",
                "NewsdeskCore",
                "NewsdeskMetrics",
                "NewsdeskWeb",
                "NewsdeskPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NewsdeskCoreTests",
            dependencies: ["NewsdeskCore"]
        ),
        .testTarget(
            name: "NewsdeskCheckTests",
            dependencies: ["NewsdeskCheck", "NewsdeskCore"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "NewsdeskHTMLTests",
            dependencies: ["NewsdeskHTML"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "NewsdeskExtractTests",
            dependencies: ["NewsdeskExtract", "NewsdeskCore", "NewsdeskHTML"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "NewsdeskFeedTests",
            dependencies: ["NewsdeskFeed", "NewsdeskCore"]
        ),
        .target(
            name: "NewsdeskTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/NewsdeskTestSupport"
        ),
        .testTarget(
            name: "NewsdeskFetchTests",
            dependencies: [
                "NewsdeskFetch",
                "NewsdeskCore",
                "NewsdeskTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "NewsdeskStoriesTests",
            dependencies: ["NewsdeskStories"],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "NewsdeskStoreConformance",
            dependencies: ["NewsdeskStore"],
            path: "Tests/NewsdeskStoreConformance"
        ),
        .testTarget(
            name: "NewsdeskStoreTests",
            dependencies: [
                "NewsdeskStore", "NewsdeskStoreConformance", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "NewsdeskPostgresTests",
            dependencies: [
                "NewsdeskPostgres", "NewsdeskStore", "NewsdeskStoreConformance",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "NewsdeskMetricsTests",
            dependencies: ["NewsdeskMetrics", "NewsdeskDesk"]
        ),
        .testTarget(
            name: "NewsdeskWebTests",
            dependencies: [
                "NewsdeskWeb", "NewsdeskStore", "NewsdeskDesk", "NewsdeskMetrics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "NewsdeskDeskTests",
            dependencies: ["NewsdeskDesk", "NewsdeskStore", "NewsdeskFetch", "NewsdeskTestSupport"]
        ),
    ]
)
