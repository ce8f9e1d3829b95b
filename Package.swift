// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "newsdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "newsdesk", targets: ["newsdesk"]),
        .library(name: "NewsdeskExtract", targets: ["NewsdeskExtract"]),
        .library(name: "NewsdeskCheck", targets: ["NewsdeskCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
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
        .executableTarget(
            name: "newsdesk",
            dependencies: [
                "CMimalloc",
                "NewsdeskCheck",
                "NewsdeskExtract",
                "NewsdeskHTML",
                "NewsdeskCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
    ]
)
