# The FactLedger API for docker compose. PostgreSQL runs beside it (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/FactLedger.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY seeds /seeds
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    FactLedger__Seeds__Path=/seeds
EXPOSE 5080
USER app
ENTRYPOINT ["dotnet", "FactLedger.Api.dll"]
