locals {
  # The single source of truth for routing, ports and health checks (also read by the compose
  # proxy config and tests/infra).
  routing = jsondecode(file("${path.module}/../routing.json"))

  service_ports = { for name, svc in local.routing.services : name => svc.port }
  image_names   = { for name, svc in local.routing.services : name => svc.image }

  name_prefix  = "invorto-${var.environment}"
  cluster_name = "invorto-${var.environment}"

  tags = merge(
    {
      Project     = "invorto"
      Environment = var.environment
      ManagedBy   = "terraform"
    },
    var.tags,
  )

  public_base_url = "https://${var.domain_name}"

  # Plain (non-secret) environment of every task, names as in the operator runbook §2 / spec §11.
  environment_variables = merge(
    var.extra_environment,
    {
      ASPNETCORE_ENVIRONMENT                 = "Production"
      PUBLIC_BASE_URL                        = local.public_base_url
      API_BASE_URL                           = "${local.public_base_url}/v1"
      REALTIME_WS_URL                        = "wss://${var.domain_name}/realtime/voice"
      WEBHOOK_BASE_URL                       = "${local.public_base_url}/webhooks"
      TELEPHONY_WEBHOOK_BASE_URL             = "${local.public_base_url}/telephony"
      TELEPHONY_GLOBAL_MAX_CONCURRENCY       = tostring(var.telephony_global_max_concurrency)
      TELEPHONY_PER_CAMPAIGN_MAX_CONCURRENCY = tostring(var.telephony_per_campaign_max_concurrency)
      TELEPHONY_SEMAPHORE_TTL_SEC            = tostring(var.telephony_semaphore_ttl_sec)
      MAX_CONCURRENT_CALLS                   = tostring(var.max_concurrent_calls)
      MIGRATE_ON_START                       = "false"
    },
    { for name, value in { TWILIO_ACCOUNT_SID = var.twilio_account_sid } : name => value if var.enable_twilio },
  )

  # Per-service overrides of the plain environment. Only the Api applies EF migrations at start-up.
  service_environment = {
    api = {
      MIGRATE_ON_START = tostring(var.migrate_on_start)
    }
  }

  # Secrets: SSM SecureString parameters /invorto/<environment>/<NAME>, created by the operator
  # (docs/deployment.md) and injected by ECS as environment variables of the same name.
  core_secret_names = [
    "DB_URL",
    "REDIS_URL",
    "REALTIME_API_KEY",
    "REALTIME_WS_SECRET",
  ]
  jambonz_secret_names = [
    "JAMBONZ_API_BASE_URL",
    "JAMBONZ_ACCOUNT_SID",
    "JAMBONZ_API_KEY",
    "JAMBONZ_APPLICATION_SID",
    "JAMBONZ_WEBHOOK_SECRET",
  ]
  twilio_secret_names = [
    "TWILIO_AUTH_TOKEN",
  ]
  secret_names = concat(
    local.core_secret_names,
    var.enable_jambonz ? local.jambonz_secret_names : [],
    var.enable_twilio ? local.twilio_secret_names : [],
    var.provider_secret_names,
  )

  ssm_parameter_prefix = "/invorto/${var.environment}"
  ssm_parameter_arns = {
    for name in local.secret_names :
    name => "arn:${var.aws_partition}:ssm:${var.aws_region}:${var.aws_account_id}:parameter${local.ssm_parameter_prefix}/${name}"
  }

  # Everything the ECS module needs per service: port from routing.json, repository, sizing.
  ecs_services = {
    for name, port in local.service_ports : name => {
      port               = port
      repository_url     = module.ecr.repository_urls[local.image_names[name]]
      cpu                = var.service_sizing[name].cpu
      memory             = var.service_sizing[name].memory
      desired_count      = var.service_sizing[name].desired_count
      min_count          = var.service_sizing[name].min_count
      max_count          = var.service_sizing[name].max_count
      cpu_target_percent = var.service_sizing[name].cpu_target_percent
      scale_in_cooldown  = var.service_sizing[name].scale_in_cooldown_seconds
      stop_timeout       = var.service_sizing[name].stop_timeout_seconds
    }
  }
}
