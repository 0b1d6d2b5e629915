# cryptopredict on Debian 12 with CPU libtorch (1.13, OpenBLAS): the image the batch examples in deploy/ run.
#   docker build -t cryptopredict .
#   docker run --rm -v "$PWD/project:/project" cryptopredict batch --symbols BTCUSDT,ETHUSDT --intervals 1h,4h --models lstm
# The project folder (/project: data/, models/, checkpoints/, logs/) is a volume; CRYPTOPREDICT_HOME points at it.

# --- build: the .NET 10 SDK, the C++ toolchain and libtorch-dev; dotnet publish builds the native bridge too.
FROM debian:12-slim AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      ca-certificates curl libicu72 libtorch-dev libopenblas0-pthread cmake g++ make \
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh \
 && bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet \
 && ln -s /usr/share/dotnet/dotnet /usr/local/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
COPY . .
RUN dotnet publish src/CryptoPredict.Cli -c Release -r linux-x64 --self-contained -o /out \
 && test -f /out/libcptorch.so

# --- runtime: libtorch's shared libraries and OpenBLAS only; the CLI is self-contained (no .NET runtime needed).
FROM debian:12-slim
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      ca-certificates libicu72 libtorch1.13 libopenblas0-pthread \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out /opt/cryptopredict
ENV CRYPTOPREDICT_HOME=/project
WORKDIR /project
ENTRYPOINT ["/opt/cryptopredict/cryptopredict"]
CMD ["doctor"]
