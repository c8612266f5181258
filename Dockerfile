# syntax=docker/dockerfile:1
# Mentori's image: built with the .NET 10 SDK, run on the ASP.NET Core runtime image as its non-root user "app",
# with /app/data the one folder it writes (mount a volume there; the rest can be read-only). compose.yaml builds it;
# alone: docker build -t mentori . && docker run -p 8080:8080 -v mentori-data:/app/data mentori

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# The project files first, so that a change of code alone does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Mentori.Data/Mentori.Data.csproj src/Mentori.Data/
COPY src/Mentori.Migrations.Postgres/Mentori.Migrations.Postgres.csproj src/Mentori.Migrations.Postgres/
COPY src/Mentori.Migrations.Sqlite/Mentori.Migrations.Sqlite.csproj src/Mentori.Migrations.Sqlite/
COPY src/Mentori.Server/Mentori.Server.csproj src/Mentori.Server/
RUN dotnet restore src/Mentori.Server/Mentori.Server.csproj
COPY src/ src/
RUN dotnet publish src/Mentori.Server/Mentori.Server.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# pg_dump and pg_restore for the daily backups (docs/operations.md: at least the server's version; the distribution's
# client is newer than PostgreSQL 15), curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
VOLUME /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1
EXPOSE 8080
# Alive: the process answers. Whether it can serve (the database) is /health/ready, which the proxy asks.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "Mentori.Server.dll"]
