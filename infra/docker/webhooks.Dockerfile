# syntax=docker/dockerfile:1
#
# Invorto Webhooks host image (Invorto.Webhooks, port 8082).
# Build from the repository root:
#   docker build -f infra/docker/webhooks.Dockerfile -t invorto-webhooks .
# The port must match infra/routing.json (tests/infra checks it).

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra

FROM ${SDK_IMAGE} AS build
WORKDIR /src
ENV DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

# 1) Restore layer: only the files that decide restore (SDK pin, shared props, the csproj closure
#    of this host), so source edits do not invalidate the package cache.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/Invorto.Domain/Invorto.Domain.csproj src/Domain/Invorto.Domain/
COPY src/Application/Invorto.Application/Invorto.Application.csproj src/Application/Invorto.Application/
COPY src/Infrastructure/Invorto.Infrastructure/Invorto.Infrastructure.csproj src/Infrastructure/Invorto.Infrastructure/
COPY src/Hosts/Invorto.Hosting/Invorto.Hosting.csproj src/Hosts/Invorto.Hosting/
COPY src/Hosts/Invorto.Webhooks/Invorto.Webhooks.csproj src/Hosts/Invorto.Webhooks/
RUN dotnet restore src/Hosts/Invorto.Webhooks/Invorto.Webhooks.csproj

# 2) Health probe (the chiseled runtime has no shell/curl/wget; see infra/docker/healthprobe).
COPY infra/docker/healthprobe/ healthprobe/
RUN dotnet build healthprobe/HealthProbe.csproj -c Release -o /healthprobe

# 3) Sources and publish (framework-dependent, portable).
COPY src/ src/
RUN dotnet publish src/Hosts/Invorto.Webhooks/Invorto.Webhooks.csproj -c Release -o /app --no-restore

FROM ${RUNTIME_IMAGE} AS final
WORKDIR /app
COPY --from=build /healthprobe /healthprobe
COPY --from=build /app ./

ENV ASPNETCORE_HTTP_PORTS=8082 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1
EXPOSE 8082

# Non-root: the .NET images define APP_UID (the "app" user, 1654).
USER $APP_UID

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/healthprobe/HealthProbe.dll", "http://127.0.0.1:8082/health"]

ENTRYPOINT ["dotnet", "Invorto.Webhooks.dll"]
